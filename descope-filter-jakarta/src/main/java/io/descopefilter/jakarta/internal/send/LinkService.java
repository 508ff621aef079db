package io.descopefilter.jakarta.internal.send;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeEvent.SendRefusal;
import io.descopefilter.core.DescopeEvent.SignInMethod;
import io.descopefilter.core.DescopeException;
import io.descopefilter.core.DescopeSession;
import io.descopefilter.core.LoginOptions;
import io.descopefilter.core.SessionValidator;
import io.descopefilter.core.SignUpUser;
import io.descopefilter.core.UpdateOptions;
import io.descopefilter.jakarta.EnchantedLinkStarted;
import io.descopefilter.jakarta.LinkPurpose;
import io.descopefilter.jakarta.LinkSent;
import io.descopefilter.jakarta.internal.events.FilterEvents;
import io.descopefilter.jakarta.internal.http.CsrfTokens;
import io.descopefilter.jakarta.internal.magic.LinkBinding;
import io.descopefilter.jakarta.internal.session.DescopeRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The work behind {@code DescopeLinks}, one instance per filter: magic links, embedded links, email and phone
 * updates and CSRF tokens; enchanted starts are delegated to the enchanted flow. Every send checks the page's CSRF
 * token (HW-08), passes the {@link SendGate}, binds the link to the asking browser ({@link LinkBinding}, HW-02) and
 * answers the same whether a link went out, the account is unknown or a limit was hit.
 */
public final class LinkService {

    private static final System.Logger LOG = System.getLogger(LinkService.class.getName());

    /** Starts enchanted links; implemented by the enchanted flow. */
    public interface EnchantedStarter {
        EnchantedLinkStarted start(HttpServletRequest request, LinkPurpose purpose, String email, String next,
                                   LoginOptions options);
    }

    private final DescopeClient client;
    private final SessionValidator validator;
    private final CsrfTokens csrf;
    private final SendGate gate;
    private final LinkUrls urls;
    private final LinkBinding binding;
    private final EnchantedStarter enchanted;
    private final Duration recentSignIn;
    private final Clock clock;
    private final FilterEvents events;
    private final EmbeddedTokens embedded = new EmbeddedTokens();

    public LinkService(DescopeClient client, SessionValidator validator, CsrfTokens csrf, SendGate gate,
                       LinkUrls urls, LinkBinding binding, EnchantedStarter enchanted, Duration recentSignIn,
                       Clock clock) {
        this(client, validator, csrf, gate, urls, binding, enchanted, recentSignIn, clock, FilterEvents.none());
    }

    /** @param events where sends and refused sends are reported */
    public LinkService(DescopeClient client, SessionValidator validator, CsrfTokens csrf, SendGate gate,
                       LinkUrls urls, LinkBinding binding, EnchantedStarter enchanted, Duration recentSignIn,
                       Clock clock, FilterEvents events) {
        this.events = events;
        this.client = client;
        this.validator = validator;
        this.csrf = csrf;
        this.gate = gate;
        this.urls = urls;
        this.binding = binding;
        this.enchanted = enchanted;
        this.recentSignIn = recentSignIn;
        this.clock = clock;
    }

    public LinkSent sendMagicLink(HttpServletRequest request, DeliveryMethod method, LinkPurpose purpose,
                                  String loginId, String next, LoginOptions options) {
        return sendMagicLink(request, method, purpose, loginId, null, next, options);
    }

    /** {@code profile} is the new user's name for a sign-up, or {@code null}. */
    public LinkSent sendMagicLink(HttpServletRequest request, DeliveryMethod method, LinkPurpose purpose,
                                  String loginId, SignUpUser profile, String next, LoginOptions options) {
        if (!gate.isFromOwnPage(request)) {
            events.linkRefused(SignInMethod.MAGIC, method, SendRefusal.CSRF, null);
            return LinkSent.notFromThisSite();
        }
        String address;
        try {
            address = LoginIds.forMethod(method, loginId);
        } catch (IllegalArgumentException e) {
            events.linkRefused(SignInMethod.MAGIC, method, SendRefusal.INVALID_ADDRESS, null);
            return LinkSent.invalidInput(e.getMessage());
        }
        String masked = LoginIds.mask(address);
        HttpServletResponse response = SendGate.responseOf(request);
        LinkSent answer = send(request, method, purpose, address, masked, profile, options);
        if (answer.isAccepted()) {
            // Also when nothing went out (a limit, an unknown account): the answer, cookie included, must look
            // the same either way (SL-04).
            binding.rememberAddress(request, response, address, masked, urls.safeNext(next).orElse(null), method);
        }
        return answer;
    }

    private LinkSent send(HttpServletRequest request, DeliveryMethod method, LinkPurpose purpose, String address,
                          String masked, SignUpUser profile, LoginOptions options) {
        SendGate.Verdict verdict = gate.check(request, address);
        if (verdict == SendGate.Verdict.UNAVAILABLE) {
            events.linkRefused(SignInMethod.MAGIC, method, SendRefusal.UNAVAILABLE, address);
            return SendGate.storeUnavailable();
        }
        if (verdict == SendGate.Verdict.LIMITED) {
            events.linkRefused(SignInMethod.MAGIC, method, SendRefusal.LIMIT, address);
            return LinkSent.accepted(masked);
        }
        LoginOptions chosen = options == null ? LoginOptions.NONE : options;
        String uri = urls.magicLanding();
        try {
            switch (purpose) {
                case SIGN_IN -> client.magicLinkSignIn(method, address, uri, chosen,
                        SendGate.refreshJwtIfNeeded(request, chosen));
                case SIGN_UP -> client.magicLinkSignUp(method, address, uri, profile, chosen);
                case SIGN_UP_OR_IN -> client.magicLinkSignUpOrIn(method, address, uri, chosen);
            }
        } catch (DescopeException e) {
            events.linkRefused(SignInMethod.MAGIC, method, SendGate.refusalOf(e), address);
            return SendGate.answerFor(e, masked);
        } catch (IllegalArgumentException e) {
            events.linkRefused(SignInMethod.MAGIC, method, SendRefusal.INVALID_ADDRESS, address);
            return LinkSent.invalidInput(e.getMessage());
        }
        events.linkSent(SignInMethod.MAGIC, method, address);
        LOG.log(Level.DEBUG, "Sent a {0} magic link by {1} to {2}", purpose, method, masked);
        return LinkSent.accepted(masked);
    }

    public EnchantedLinkStarted startEnchantedLink(HttpServletRequest request, LinkPurpose purpose, String email,
                                                   String next, LoginOptions options) {
        return enchanted.start(request, purpose, email, next, options);
    }

    public String embeddedLinkUrl(String loginId, Map<String, Object> customClaims, Duration timeout, String next) {
        String token = client.generateEmbeddedLink(loginId, customClaims, embeddedTimeoutSeconds(timeout));
        embedded.issued(token);
        return urls.embeddedLink(next, token);
    }

    /** The lifetime of an embedded link in seconds (0 for Descope's default); embedded links need the management key. */
    private int embeddedTimeoutSeconds(Duration timeout) {
        if (!client.config().hasManagementKey()) {
            throw new IllegalStateException("Embedded links need a management key: set the managementKey setting");
        }
        long seconds = timeout == null ? 0 : timeout.toSeconds();
        if (seconds < 0 || seconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be between 0 (Descope's default) and " + Integer.MAX_VALUE
                    + " seconds");
        }
        return (int) seconds;
    }

    /** The sign-in URL of an embedded link that creates the user first; see {@code DescopeLinks}. */
    public String embeddedSignUpLinkUrl(String loginId, SignUpUser user, LoginOptions options, Duration timeout,
                                        String next) {
        int seconds = embeddedTimeoutSeconds(timeout);
        String token = client.generateSignUpEmbeddedLink(loginId, user == null ? SignUpUser.EMPTY : user, true, false,
                options == null ? LoginOptions.NONE : options, seconds);
        embedded.issued(token);
        return urls.embeddedLink(next, token);
    }

    /** The landing URL for a link token the application already holds (e.g. an embedded link it delivered). */
    public String landingUrlFor(String token, String next) {
        if (token == null || !token.matches("[\\x21-\\x7E]{1,4096}")) {
            throw new IllegalArgumentException("token must be 1 to 4096 visible ASCII characters");
        }
        return urls.embeddedLink(next, token);
    }

    public LinkSent updateEmail(HttpServletRequest request, String newEmail, String next, UpdateOptions options) {
        return update(request, newEmail, LoginIds::email, DeliveryMethod.EMAIL, (user, address, landing) -> {
            client.magicLinkUpdateEmail(user.refreshJwt(), loginIdOf(user), address, landing, options);
            LOG.log(Level.DEBUG, "Sent an email update link to {0}", LoginIds.mask(address));
        }, next);
    }

    public LinkSent updatePhone(HttpServletRequest request, DeliveryMethod method, String newPhone, String next,
                                UpdateOptions options) {
        return update(request, newPhone, LoginIds::phone, method, (user, address, landing) -> {
            client.magicLinkUpdatePhone(user.refreshJwt(), method, loginIdOf(user), address, landing, options);
            LOG.log(Level.DEBUG, "Sent a phone update link by {0} to {1}", method, LoginIds.mask(address));
        }, next);
    }

    /** Sends the update link of {@link #updateEmail} or {@link #updatePhone} for the signed-in user. */
    private LinkSent update(HttpServletRequest request, String rawAddress, UnaryOperator<String> checkAddress,
                            DeliveryMethod channel, UpdateSend send, String next) {
        if (!gate.isFromOwnPage(request)) {
            return LinkSent.notFromThisSite();
        }
        Optional<SignedIn> user = signedIn(request);
        if (user.isEmpty()) {
            return LinkSent.notSignedIn();
        }
        if (!signedInRecently(user.get())) {
            return LinkSent.signInAgain();
        }
        String address;
        try {
            address = checkAddress.apply(rawAddress);
        } catch (IllegalArgumentException e) {
            return LinkSent.invalidInput(e.getMessage());
        }
        String masked = LoginIds.mask(address);
        HttpServletResponse response = SendGate.responseOf(request);
        LinkSent answer = sendUpdate(request, user.get(), address, masked, send);
        if (answer.isAccepted()) {
            binding.rememberUser(request, response, user.get().session().userId(), masked,
                    urls.safeNext(next).orElse(null), channel);
        }
        return answer;
    }

    private LinkSent sendUpdate(HttpServletRequest request, SignedIn user, String address, String masked,
                                UpdateSend send) {
        SendGate.Verdict verdict = gate.check(request, address);
        if (verdict == SendGate.Verdict.UNAVAILABLE) {
            return SendGate.storeUnavailable();
        }
        if (verdict == SendGate.Verdict.LIMITED) {
            return LinkSent.accepted(masked);
        }
        try {
            send.send(user, address, urls.magicLanding());
        } catch (DescopeException e) {
            return SendGate.answerFor(e, masked);
        } catch (IllegalArgumentException e) {
            return LinkSent.invalidInput(e.getMessage());
        }
        return LinkSent.accepted(masked);
    }

    /**
     * Whether the user signed in within {@code recentSignInForUpdates}: the refresh JWT is issued at sign-in, so
     * its {@code iat} is when the user last proved control of an inbox or phone (HW-07).
     */
    private boolean signedInRecently(SignedIn user) {
        if (recentSignIn.isZero()) {
            return true;
        }
        Optional<Instant> signedInAt = validator.validateRefresh(user.refreshJwt()).session()
                .map(DescopeSession::issuedAt);
        return signedInAt.isPresent() && !signedInAt.get().plus(recentSignIn).isBefore(clock.instant());
    }

    @FunctionalInterface
    private interface UpdateSend {
        void send(SignedIn user, String address, String landingUrl);
    }

    /** The embedded-link tokens this service made, for the landing's events. */
    public EmbeddedTokens embeddedTokens() {
        return embedded;
    }

    public String csrfToken(HttpServletRequest request, HttpServletResponse response) {
        return csrf.tokenFor(request, response);
    }

    public boolean isValidCsrf(HttpServletRequest request) {
        return csrf.isValid(request);
    }

    /** The signed-in user of a request, with the refresh JWT that Descope wants for updates. */
    private record SignedIn(DescopeSession session, String refreshJwt) {
        @Override
        public String toString() {
            return "SignedIn[" + session + "]";
        }
    }

    private static Optional<SignedIn> signedIn(HttpServletRequest request) {
        Optional<DescopeSession> session = DescopeRequest.find(request).flatMap(DescopeRequest::session);
        Optional<String> refreshJwt = SendGate.refreshJwtOf(request);
        if (session.isEmpty() || refreshJwt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SignedIn(session.get(), refreshJwt.get()));
    }

    /** The login ID Descope updates: from the session JWT when its template includes it, else from Descope. */
    private String loginIdOf(SignedIn user) {
        if (!user.session().loginIds().isEmpty()) {
            return user.session().loginIds().get(0);
        }
        return client.me(user.refreshJwt()).loginIds().stream().findFirst().orElseThrow(() ->
                new IllegalArgumentException("the signed-in user has no login ID"));
    }
}
