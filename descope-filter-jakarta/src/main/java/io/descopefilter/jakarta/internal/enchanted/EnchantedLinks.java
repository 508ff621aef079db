package io.descopefilter.jakarta.internal.enchanted;

import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.internal.store.MemoryStore;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.jakarta.internal.config.CookieSettings;
import io.descopefilter.jakarta.internal.events.FilterEvents;
import io.descopefilter.jakarta.internal.landing.TokenExchange;
import io.descopefilter.jakarta.internal.send.LinkService;
import io.descopefilter.jakarta.internal.send.LinkUrls;
import io.descopefilter.jakarta.internal.send.SendGate;
import io.descopefilter.jakarta.internal.session.SignIn;

import java.time.Clock;
import java.time.Duration;

/**
 * The enchanted link flow of one filter, all in this package: the start (for {@code DescopeLinks}), the landing
 * on the device that opens the link, and the poll of the browser that waits, sharing the waits.
 */
public final class EnchantedLinks {

    /** How long a browser waits for an enchanted link before its poll says "expired" (ASVS: at most 10 min). */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final EnchantedStart start;
    private final EnchantedLinkExchange exchange;
    private final EnchantedPoll poll;

    public EnchantedLinks(DescopeClient client, SignIn signIn, SendGate gate, LinkUrls urls, CookieSettings cookies,
                          Clock clock) {
        this(new MemoryStore(clock), client, signIn, gate, urls, cookies, clock, FilterEvents.none());
    }

    /**
     * With the waits in {@code store}, so that a poll reaching any node finds the wait.
     *
     * @param events where starts and enchanted sign-ins are reported
     */
    public EnchantedLinks(SharedStore store, DescopeClient client, SignIn signIn,
                          SendGate gate, LinkUrls urls, CookieSettings cookies, Clock clock,
                          FilterEvents events) {
        PendingSignIns waits = new PendingSignIns(store, cookies, LIFETIME,
                Duration.ofMillis(EnchantedPoll.MIN_POLL_INTERVAL_MILLIS), clock);
        this.start = new EnchantedStart(client, gate, urls, waits, events);
        this.exchange = new EnchantedLinkExchange(client);
        this.poll = new EnchantedPoll(client, signIn, waits, clock, events);
    }

    public LinkService.EnchantedStarter starter() {
        return start;
    }

    public TokenExchange exchange() {
        return exchange;
    }

    public EnchantedPoll poll() {
        return poll;
    }
}
