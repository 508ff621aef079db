package io.descopefilter.jakarta.links;

import io.descopefilter.core.client.DeliveryMethod;
import io.descopefilter.core.client.DescopeClient;
import io.descopefilter.core.client.DescopeException;
import io.descopefilter.core.client.EnchantedLinkResponse;
import io.descopefilter.core.client.LoginOptions;
import io.descopefilter.core.client.UpdateOptions;
import io.descopefilter.core.session.DescopeSession;
import io.descopefilter.jakarta.config.PublicBaseUrl;
import io.descopefilter.jakarta.config.Routes;
import io.descopefilter.jakarta.poll.PendingEnchantedLink;
import io.descopefilter.jakarta.principal.DescopeRequest;
import io.descopefilter.jakarta.session.SessionStore;
import io.descopefilter.jakarta.session.SessionTokens;
import io.descopefilter.jakarta.web.ClientAddress;
import io.descopefilter.jakarta.web.CsrfTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The work behind {@link DescopeLinks}: one instance per filter. Sends go through the {@link SendLimiter} and
 * answer the same whether a link went out, the account is unknown or a limit was hit.
 */
public final class LinkService {

    /** The new address becomes a login ID too, so the user can sign in with it after the change. */
    private static final UpdateOptions ADD_TO_LOGIN_IDS = UpdateOptions.builder().addToLoginIds(true).build();


    private static final System.Logger LOG = System.getLogger(LinkService.class.getName());
    /** How long a browser waits for an enchanted link before its poll says "expired" (ASVS: at most 10 min). */
    static final Duration ENCHANTED_LINK_LIFETIME = Duration.ofMinutes(10);

    private final DescopeClient client;
    private final SessionStore store;
    private final CsrfTokens csrf;
    private final SendLimiter limiter;
    private final ClientAddress clients;
    private final LinkUrls urls;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LinkService(DescopeClient client, SessionStore store, CsrfTokens csrf, SendLimiter limiter,
                       ClientAddress clients, PublicBaseUrl publicBaseUrl, Routes routes, Clock clock) {
        this.client = client;
        this.store = store;
        this.csrf = csrf;
        this.limiter = limiter;
        this.clients = clients;
        this.urls = new LinkUrls(publicBaseUrl, routes);
        this.clock = clock;
    }

    LinkSent sendMagicLink(HttpServletRequest request, DeliveryMethod method, LinkPurpose purpose, String loginId,
                           String next, LoginOptions options) {
        String address;
        try {
            address = LoginIds.forMethod(method, loginId);
        } catch (IllegalArgumentException e) {
            return LinkSent.invalidInput(e.getMessage());
        }
        String masked = LoginIds.mask(address);
        if (!mayProceed(request, address)) {
            return LinkSent.accepted(masked);
        }
        LoginOptions chosen = options == null ? LoginOptions.NONE : options;
        String uri = urls.magicLanding(next, masked);
        try {
            switch (purpose) {
                case SIGN_IN -> client.magicLinkSignIn(method, address, uri, chosen, refreshJwtIfNeeded(request, chosen));
                case SIGN_UP -> client.magicLinkSignUp(method, address, uri, null, chosen);
                case SIGN_UP_OR_IN -> client.magicLinkSignUpOrIn(method, address, uri, chosen);
            }
        } catch (DescopeException e) {
            return SendFailures.toAnswer(e, masked);
        } catch (IllegalArgumentException e) {
            return LinkSent.invalidInput(e.getMessage());
        }
        LOG.log(Level.INFO, "Sent a {0} magic link by {1} to {2}", purpose, method, masked);
        return LinkSent.accepted(masked);
    }

    EnchantedLinkStarted startEnchantedLink(HttpServletRequest request, LinkPurpose purpose, String email, String next,
                                            LoginOptions options) {
        String address;
        try {
            address = LoginIds.email(email);
        } catch (IllegalArgumentException e) {
            return EnchantedLinkStarted.from(LinkSent.invalidInput(e.getMessage()));
        }
        String masked = LoginIds.mask(address);
        String returnPath = urls.nextOrDefault(next);
        if (!mayProceed(request, address)) {
            return decoy(request, returnPath, masked);
        }
        LoginOptions chosen = options == null ? LoginOptions.NONE : options;
        String uri = urls.enchantedLanding(masked);
        EnchantedLinkResponse sent;
        try {
            sent = switch (purpose) {
                case SIGN_IN -> client.enchantedLinkSignIn(address, uri, chosen, refreshJwtIfNeeded(request, chosen));
                case SIGN_UP -> client.enchantedLinkSignUp(address, uri, null, chosen);
                case SIGN_UP_OR_IN -> client.enchantedLinkSignUpOrIn(address, uri, chosen);
            };
        } catch (DescopeException e) {
            LinkSent answer = SendFailures.toAnswer(e, masked);
            return answer.isAccepted() ? decoy(request, returnPath, masked) : EnchantedLinkStarted.from(answer);
        } catch (IllegalArgumentException e) {
            return EnchantedLinkStarted.from(LinkSent.invalidInput(e.getMessage()));
        }
        remember(request, new PendingEnchantedLink(sent.pendingRef(), returnPath, expiry()));
        LOG.log(Level.INFO, "Started a {0} enchanted link for {1}", purpose, masked);
        return EnchantedLinkStarted.accepted(sent.linkId(), masked);
    }

    String embeddedLinkUrl(String loginId, Map<String, Object> customClaims, Duration timeout, String next) {
        if (!client.config().hasManagementKey()) {
            throw new IllegalStateException("Embedded links need a management key: set the managementKey setting");
        }
        long seconds = timeout == null ? 0 : timeout.toSeconds();
        if (seconds < 0 || seconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be between 0 (Descope's default) and " + Integer.MAX_VALUE
                    + " seconds");
        }
        String token = client.generateEmbeddedLink(loginId, customClaims, (int) seconds);
        return urls.magicLanding(next, LoginIds.mask(loginId)) + "&t=" + LinkUrls.encode(token);
    }

    LinkSent updateEmail(HttpServletRequest request, String newEmail, String next) {
        return update(request, newEmail, LoginIds::email, (user, address, landing) -> {
            client.magicLinkUpdateEmail(user.refreshJwt(), loginIdOf(user), address, landing, ADD_TO_LOGIN_IDS);
            LOG.log(Level.INFO, "Sent an email update link to {0}", LoginIds.mask(address));
        }, next);
    }

    LinkSent updatePhone(HttpServletRequest request, DeliveryMethod method, String newPhone, String next) {
        return update(request, newPhone, LoginIds::phone, (user, address, landing) -> {
            client.magicLinkUpdatePhone(user.refreshJwt(), method, loginIdOf(user), address, landing,
                    ADD_TO_LOGIN_IDS);
            LOG.log(Level.INFO, "Sent a phone update link by {0} to {1}", method, LoginIds.mask(address));
        }, next);
    }

    /** Sends the update link of {@link #updateEmail} or {@link #updatePhone} for the signed-in user. */
    private LinkSent update(HttpServletRequest request, String rawAddress, UnaryOperator<String> checkAddress,
                            UpdateSend send, String next) {
        Optional<SignedIn> user = signedIn(request);
        if (user.isEmpty()) {
            return LinkSent.notSignedIn();
        }
        String address;
        try {
            address = checkAddress.apply(rawAddress);
        } catch (IllegalArgumentException e) {
            return LinkSent.invalidInput(e.getMessage());
        }
        String masked = LoginIds.mask(address);
        if (!mayProceed(request, address)) {
            return LinkSent.accepted(masked);
        }
        try {
            send.send(user.get(), address, urls.magicLanding(next, masked));
        } catch (DescopeException e) {
            return SendFailures.toAnswer(e, masked);
        } catch (IllegalArgumentException e) {
            return LinkSent.invalidInput(e.getMessage());
        }
        return LinkSent.accepted(masked);
    }

    @FunctionalInterface
    private interface UpdateSend {
        void send(SignedIn user, String address, String landingUrl);
    }

    String csrfToken(HttpServletRequest request, HttpServletResponse response) {
        return csrf.tokenFor(request, response);
    }

    boolean isValidCsrf(HttpServletRequest request) {
        return csrf.isValid(request);
    }

    /** The signed-in user of a request, with the refresh JWT that Descope wants for updates and step-up. */
    private record SignedIn(DescopeSession session, String refreshJwt) {
        @Override
        public String toString() {
            return "SignedIn[" + session + "]";
        }
    }

    private Optional<SignedIn> signedIn(HttpServletRequest request) {
        Optional<DescopeSession> session = DescopeRequest.find(request).flatMap(DescopeRequest::session);
        Optional<String> refreshJwt = currentTokens(request).filter(SessionTokens::hasRefreshJwt)
                .map(SessionTokens::refreshJwt);
        if (session.isEmpty() || refreshJwt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SignedIn(session.get(), refreshJwt.get()));
    }

    private Optional<SessionTokens> currentTokens(HttpServletRequest request) {
        return request.getAttribute(SessionTokens.REQUEST_ATTRIBUTE) instanceof SessionTokens tokens
                ? Optional.of(tokens) : store.read(request);
    }

    /** Step-up and MFA sign-ins act on the current session, so Descope needs its refresh JWT. */
    private String refreshJwtIfNeeded(HttpServletRequest request, LoginOptions options) {
        if (!options.requiresRefreshJwt()) {
            return null;
        }
        return signedIn(request).map(SignedIn::refreshJwt).orElseThrow(() ->
                new IllegalArgumentException("step-up and MFA links need a signed-in user"));
    }

    /** The login ID Descope updates: from the session JWT when its template includes it, else from Descope. */
    private String loginIdOf(SignedIn user) {
        if (!user.session().loginIds().isEmpty()) {
            return user.session().loginIds().get(0);
        }
        return client.me(user.refreshJwt()).loginIds().stream().findFirst().orElseThrow(() ->
                new IllegalArgumentException("the signed-in user has no login ID"));
    }

    private boolean mayProceed(HttpServletRequest request, String address) {
        String client = clients.of(request);
        if (limiter.tryAcquire(LoginIds.limitKey(address), client)) {
            return true;
        }
        LOG.log(Level.INFO, "Send limit reached for {0} from {1}; nothing sent", LoginIds.mask(address), client);
        return false;
    }

    /** Stands in for an enchanted link that was not sent, so the browser cannot tell (see PendingEnchantedLink). */
    private EnchantedLinkStarted decoy(HttpServletRequest request, String returnPath, String masked) {
        remember(request, new PendingEnchantedLink(null, returnPath, expiry()));
        return EnchantedLinkStarted.accepted(Integer.toString(10 + random.nextInt(90)), masked);
    }

    private void remember(HttpServletRequest request, PendingEnchantedLink pending) {
        request.getSession(true).setAttribute(PendingEnchantedLink.SESSION_ATTRIBUTE, pending);
    }

    private long expiry() {
        return clock.millis() + ENCHANTED_LINK_LIFETIME.toMillis();
    }
}
