package io.descopefilter.jakarta.internal.magic;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.DescopeEvent.SignInMethod;
import io.descopefilter.core.DescopeException;
import io.descopefilter.core.DescopeSession;
import io.descopefilter.core.JwtResponse;
import io.descopefilter.core.SessionValidator;
import io.descopefilter.core.ValidationResult;
import io.descopefilter.core.internal.store.MemoryStore;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;
import io.descopefilter.jakarta.LoginProblem;
import io.descopefilter.jakarta.internal.config.PublicBaseUrl;
import io.descopefilter.jakarta.internal.events.FilterEvents;
import io.descopefilter.jakarta.internal.http.CsrfTokens;
import io.descopefilter.jakarta.internal.landing.LandingRequest;
import io.descopefilter.jakarta.internal.landing.TokenExchange;
import io.descopefilter.jakarta.internal.limits.ThrottledLog;
import io.descopefilter.jakarta.internal.pages.DescopeFailures;
import io.descopefilter.jakarta.internal.pages.LandingPages;
import io.descopefilter.jakarta.internal.pages.Outcome;
import io.descopefilter.jakarta.internal.pages.Pages;
import io.descopefilter.jakarta.internal.send.EmbeddedTokens;
import io.descopefilter.jakarta.internal.session.SignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Magic and embedded link landing: verifies the token with Descope (single use, so never retried) and, when this
 * browser asked for the link ({@link LinkBinding}), lets {@link SignIn} validate and install the session and
 * answers 303 to the return path, so the token leaves the address bar (LH-05). A link opened anywhere else is
 * held: the page names the full verified login ID and only a click there installs the session (HW-02).
 */
public final class MagicLinkExchange implements TokenExchange {

    private static final System.Logger LOG = System.getLogger(MagicLinkExchange.class.getName());
    /** One line per minute at most, with a count of the rest: a flood of bad links must not flood the log. */
    private static final ThrottledLog FAILURES = new ThrottledLog(LOG, Level.INFO, Duration.ofMinutes(1),
            Clock.systemUTC());

    private final DescopeClient client;
    private final SessionValidator validator;
    private final SignIn signIn;
    private final LinkBinding binding;
    private final HeldSignIns held;
    private final CsrfTokens csrf;
    private final PublicBaseUrl publicBaseUrl;
    private final String landingUrl;
    private final String afterLoginPath;
    private final FilterEvents events;
    private final EmbeddedTokens embedded;

    public MagicLinkExchange(DescopeClient client, SessionValidator validator, SignIn signIn, LinkBinding binding,
                             CsrfTokens csrf, PublicBaseUrl publicBaseUrl, String landingPath,
                             String afterLoginPath, Clock clock) {
        this(client, validator, signIn, binding, csrf, publicBaseUrl, landingPath, afterLoginPath,
                new MemoryStore(clock, 10_000), FilterEvents.none(), new EmbeddedTokens());
    }

    /**
     * @param store    where sign-ins wait for a click, so that the confirmation may reach any node
     * @param events   where sign-ins are reported
     * @param embedded the embedded-link tokens this node made, so a sign-in with one is reported as embedded
     */
    public MagicLinkExchange(DescopeClient client, SessionValidator validator, SignIn signIn, LinkBinding binding,
                             CsrfTokens csrf, PublicBaseUrl publicBaseUrl, String landingPath,
                             String afterLoginPath, SharedStore store, FilterEvents events,
                             EmbeddedTokens embedded) {
        this.events = events;
        this.embedded = embedded;
        this.client = client;
        this.validator = validator;
        this.signIn = signIn;
        this.binding = binding;
        this.held = new HeldSignIns(store);
        this.csrf = csrf;
        this.publicBaseUrl = publicBaseUrl;
        this.landingUrl = publicBaseUrl.resolve(landingPath);
        this.afterLoginPath = afterLoginPath;
    }

    @Override
    public Outcome exchange(HttpServletRequest request, HttpServletResponse response, LandingRequest landing) {
        JwtResponse verified;
        SignInMethod method = embedded.takeIfIssued(landing.token()) ? SignInMethod.EMBEDDED : SignInMethod.MAGIC;
        try {
            verified = client.magicLinkVerify(landing.token());
        } catch (DescopeException e) {
            FAILURES.log("Link verification failed: {0}", e.getMessage());
            return DescopeFailures.failed(e);
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed(LoginProblem.INVALID_LINK);
        }
        ValidationResult result = validator.validateSession(verified.sessionJwt());
        if (!result.isValid()) {
            return install(request, response, verified, null, method, null);
        }
        DescopeSession session = result.session().orElseThrow();
        Optional<LinkBinding.Bound> bound = binding.match(request, session, verified.user());
        if (bound.isPresent()) {
            String next = bound.get().next().isEmpty() ? landing.next().orElse(null) : bound.get().next();
            // The binding knows how this browser's link went out; an embedded link went out by no channel of
            // ours, even when the browser also asked for a link to the same account.
            DeliveryMethod channel = method == SignInMethod.MAGIC ? bound.get().channel() : null;
            return install(request, response, verified, next, method, channel);
        }
        String loginId = displayedLoginId(session, verified);
        LOG.log(Level.INFO, "Link for user {0} opened in a browser that did not ask for it; asking to confirm",
                session.userId());
        String handle;
        try {
            handle = held.hold(new HeldSignIns.Held(verified, loginId, landing.next().orElse(null),
                    csrf.tokenFor(request, response), method));
        } catch (StoreUnavailableException e) {
            // The link is used up and its sign-in cannot wait: the person asks for a new link later.
            LOG.log(Level.WARNING, "A verified sign-in could not be held for confirmation: {0}", e.getMessage());
            return new Outcome.Failed(LoginProblem.UNAVAILABLE, DescopeFailures.UNAVAILABLE_RETRY_SECONDS);
        }
        return LandingPages.heldConfirmation(loginId, landingUrl, List.of(
                new Pages.HiddenField(HELD, handle),
                new Pages.HiddenField(CsrfTokens.FIELD, csrf.tokenFor(request, response))));
    }

    @Override
    public Outcome resume(HttpServletRequest request, HttpServletResponse response, String heldHandle) {
        Optional<HeldSignIns.Held> waiting;
        try {
            waiting = held.take(heldHandle, request.getParameter(CsrfTokens.FIELD));
        } catch (StoreUnavailableException e) {
            return new Outcome.Failed(LoginProblem.UNAVAILABLE, DescopeFailures.UNAVAILABLE_RETRY_SECONDS);
        }
        if (waiting.isEmpty()) {
            return new Outcome.Failed(LoginProblem.EXPIRED_LINK);
        }
        // Held because this browser did not ask for the link: nothing here says how it travelled.
        return install(request, response, waiting.get().granted(), waiting.get().next(), waiting.get().method(),
                null);
    }

    /** {@code channel}: how the link went out, {@code null} when unknown (reported as is). */
    private Outcome install(HttpServletRequest request, HttpServletResponse response, JwtResponse verified,
                            String next, SignInMethod method, DeliveryMethod channel) {
        SignIn.Result result = signIn.install(request, response, verified, session -> true);
        if (result instanceof SignIn.Result.Refused refused) {
            return new Outcome.Failed(refused.problem());
        }
        DescopeSession session = ((SignIn.Result.SignedIn) result).session();
        // DEBUG, as successful refreshes and sign-outs: the audit trail of sign-ins is the SignedIn event (README). At
        // INFO, JUL's default console formatting of this one line was a fifth of a landing's own work.
        LOG.log(Level.DEBUG, "User {0} signed in with a link", session.userId());
        events.signedIn(method, channel, session, verified);
        return new Outcome.SeeOther(publicBaseUrl.resolve(next == null ? afterLoginPath : next));
    }

    /** The login ID to show in full: the one the link was for, as Descope reports the user. */
    private static String displayedLoginId(DescopeSession session, JwtResponse verified) {
        if (verified.user() != null && !verified.user().loginIds().isEmpty()) {
            return verified.user().loginIds().get(0);
        }
        if (!session.loginIds().isEmpty()) {
            return session.loginIds().get(0);
        }
        return session.email() != null ? session.email() : session.userId();
    }

    @Override
    public Optional<String> displayHint(HttpServletRequest request, LandingRequest landing) {
        return binding.newestMasked(request);
    }

    @Override
    public Optional<String> returnPath(HttpServletRequest request, LandingRequest landing) {
        return landing.next().isPresent() ? landing.next() : binding.newestNext(request);
    }

    @Override
    public LandingPages.Kind pageKind() {
        return LandingPages.Kind.MAGIC;
    }
}
