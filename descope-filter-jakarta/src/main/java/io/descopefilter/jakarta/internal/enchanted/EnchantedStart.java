package io.descopefilter.jakarta.internal.enchanted;

import io.descopefilter.core.client.DescopeClient;
import io.descopefilter.core.client.DescopeException;
import io.descopefilter.core.client.EnchantedLinkResponse;
import io.descopefilter.core.client.LoginOptions;
import io.descopefilter.jakarta.EnchantedLinkStarted;
import io.descopefilter.jakarta.LinkPurpose;
import io.descopefilter.jakarta.LinkSent;
import io.descopefilter.jakarta.internal.send.LinkService;
import io.descopefilter.jakarta.internal.send.LinkUrls;
import io.descopefilter.jakarta.internal.send.LoginIds;
import io.descopefilter.jakarta.internal.send.SendGate;
import jakarta.servlet.http.HttpServletRequest;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Starts an enchanted link sign-in: Descope emails three numbered links, the {@code pendingRef} it returns is kept
 * in this browser's {@code HttpSession} only ({@link PendingEnchantedLink}), and the number to pick is returned.
 * When nothing was sent (a send limit, an unknown user) a decoy stands in, so the browser cannot tell.
 */
public final class EnchantedStart implements LinkService.EnchantedStarter {

    private static final System.Logger LOG = System.getLogger(EnchantedStart.class.getName());
    /** How long a browser waits for an enchanted link before its poll says "expired" (ASVS: at most 10 min). */
    static final Duration ENCHANTED_LINK_LIFETIME = Duration.ofMinutes(10);

    private final DescopeClient client;
    private final SendGate gate;
    private final LinkUrls urls;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public EnchantedStart(DescopeClient client, SendGate gate, LinkUrls urls, Clock clock) {
        this.client = client;
        this.gate = gate;
        this.urls = urls;
        this.clock = clock;
    }

    @Override
    public EnchantedLinkStarted start(HttpServletRequest request, LinkPurpose purpose, String email, String next,
                                      LoginOptions options) {
        String address;
        try {
            address = LoginIds.email(email);
        } catch (IllegalArgumentException e) {
            return EnchantedLinkStarted.from(LinkSent.invalidInput(e.getMessage()));
        }
        String masked = LoginIds.mask(address);
        String returnPath = urls.nextOrDefault(next);
        if (!gate.mayProceed(request, address)) {
            return decoy(request, returnPath, masked);
        }
        LoginOptions chosen = options == null ? LoginOptions.NONE : options;
        String uri = urls.enchantedLanding(masked);
        EnchantedLinkResponse sent;
        try {
            sent = switch (purpose) {
                case SIGN_IN -> client.enchantedLinkSignIn(address, uri, chosen,
                        SendGate.refreshJwtIfNeeded(request, chosen));
                case SIGN_UP -> client.enchantedLinkSignUp(address, uri, null, chosen);
                case SIGN_UP_OR_IN -> client.enchantedLinkSignUpOrIn(address, uri, chosen);
            };
        } catch (DescopeException e) {
            LinkSent answer = SendGate.answerFor(e, masked);
            return answer.isAccepted() ? decoy(request, returnPath, masked) : EnchantedLinkStarted.from(answer);
        } catch (IllegalArgumentException e) {
            return EnchantedLinkStarted.from(LinkSent.invalidInput(e.getMessage()));
        }
        PendingEnchantedLink.remember(request, new PendingEnchantedLink(sent.pendingRef(), returnPath, expiry()));
        LOG.log(Level.INFO, "Started a {0} enchanted link for {1}", purpose, masked);
        return EnchantedLinkStarted.accepted(sent.linkId(), masked);
    }

    /** Stands in for an enchanted link that was not sent, so the browser cannot tell (see PendingEnchantedLink). */
    private EnchantedLinkStarted decoy(HttpServletRequest request, String returnPath, String masked) {
        PendingEnchantedLink.remember(request, new PendingEnchantedLink(null, returnPath, expiry()));
        return EnchantedLinkStarted.accepted(Integer.toString(10 + random.nextInt(90)), masked);
    }

    private long expiry() {
        return clock.millis() + ENCHANTED_LINK_LIFETIME.toMillis();
    }
}
