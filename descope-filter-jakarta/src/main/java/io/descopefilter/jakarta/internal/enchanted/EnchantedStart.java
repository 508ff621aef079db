package io.descopefilter.jakarta.internal.enchanted;

import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeException;
import io.descopefilter.core.EnchantedLinkResponse;
import io.descopefilter.core.LoginOptions;
import io.descopefilter.core.store.StoreUnavailableException;
import io.descopefilter.jakarta.EnchantedLinkStarted;
import io.descopefilter.jakarta.LinkPurpose;
import io.descopefilter.jakarta.LinkSent;
import io.descopefilter.jakarta.internal.events.FilterEvents;
import io.descopefilter.jakarta.internal.send.LinkService;
import io.descopefilter.jakarta.internal.send.LinkUrls;
import io.descopefilter.jakarta.internal.send.LoginIds;
import io.descopefilter.jakarta.internal.send.SendGate;
import jakarta.servlet.http.HttpServletRequest;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;

import static io.descopefilter.core.DeliveryMethod.EMAIL;
import static io.descopefilter.core.DescopeEvent.SignInMethod.ENCHANTED;

/**
 * Starts an enchanted link sign-in: Descope emails three numbered links, the {@code pendingRef} it returns waits
 * on the server under a handle only this browser holds ({@link PendingSignIns}), and the number to pick is
 * returned. When nothing was sent (a send limit, an unknown user) a decoy stands in, so the browser cannot tell.
 */
final class EnchantedStart implements LinkService.EnchantedStarter {

    private static final System.Logger LOG = System.getLogger(EnchantedStart.class.getName());

    private final DescopeClient client;
    private final SendGate gate;
    private final LinkUrls urls;
    private final PendingSignIns waits;
    private final SecureRandom random = new SecureRandom();
    private final FilterEvents events;

    EnchantedStart(DescopeClient client, SendGate gate, LinkUrls urls, PendingSignIns waits,
                   FilterEvents events) {
        this.events = events;
        this.client = client;
        this.gate = gate;
        this.urls = urls;
        this.waits = waits;
    }

    @Override
    public EnchantedLinkStarted start(HttpServletRequest request, LinkPurpose purpose, String email, String next,
                                      LoginOptions options) {
        if (!gate.isFromOwnPage(request)) {
            events.linkRefused(ENCHANTED, EMAIL, DescopeEvent.SendRefusal.CSRF, null);
            return EnchantedLinkStarted.from(LinkSent.notFromThisSite());
        }
        String address;
        try {
            address = LoginIds.email(email);
        } catch (IllegalArgumentException e) {
            events.linkRefused(ENCHANTED, EMAIL, DescopeEvent.SendRefusal.INVALID_ADDRESS, null);
            return EnchantedLinkStarted.from(LinkSent.invalidInput(e.getMessage()));
        }
        String masked = LoginIds.mask(address);
        String returnPath = urls.nextOrDefault(next);
        SendGate.Verdict verdict = gate.check(request, address);
        if (verdict == SendGate.Verdict.UNAVAILABLE) {
            events.linkRefused(ENCHANTED, EMAIL, DescopeEvent.SendRefusal.UNAVAILABLE, address);
            return EnchantedLinkStarted.from(SendGate.storeUnavailable());
        }
        if (verdict == SendGate.Verdict.LIMITED) {
            events.linkRefused(ENCHANTED, EMAIL, DescopeEvent.SendRefusal.LIMIT, address);
            return decoy(request, masked);
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
            events.linkRefused(ENCHANTED, EMAIL, SendGate.refusalOf(e), address);
            LinkSent answer = SendGate.answerFor(e, masked);
            return answer.isAccepted() ? decoy(request, masked) : EnchantedLinkStarted.from(answer);
        } catch (IllegalArgumentException e) {
            return EnchantedLinkStarted.from(LinkSent.invalidInput(e.getMessage()));
        }
        try {
            waits.start(SendGate.responseOf(request), new PendingEnchantedLink(sent.pendingRef(), returnPath));
        } catch (StoreUnavailableException e) {
            // The links went out but no browser can wait for them: say so rather than poll forever.
            LOG.log(Level.WARNING, "Enchanted link for {0} sent but its wait could not be stored: {1}", masked,
                    e.getMessage());
            return EnchantedLinkStarted.from(SendGate.storeUnavailable());
        }
        events.linkSent(ENCHANTED, EMAIL, address);
        LOG.log(Level.DEBUG, "Started a {0} enchanted link for {1}", purpose, masked);
        return EnchantedLinkStarted.accepted(sent.linkId(), masked);
    }

    /** Stands in for an enchanted link that was not sent: the same cookie, no server state. */
    private EnchantedLinkStarted decoy(HttpServletRequest request, String masked) {
        waits.start(SendGate.responseOf(request), null);
        return EnchantedLinkStarted.accepted(Integer.toString(10 + random.nextInt(90)), masked);
    }
}
