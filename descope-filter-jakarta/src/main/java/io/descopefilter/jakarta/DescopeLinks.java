package io.descopefilter.jakarta;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.DescopeEventListener;
import io.descopefilter.core.Readiness;
import io.descopefilter.core.internal.events.EventDispatcher;
import io.descopefilter.core.DescopeUser;
import io.descopefilter.core.LoginOptions;
import io.descopefilter.core.SignUpUser;
import io.descopefilter.core.UpdateOptions;
import io.descopefilter.jakarta.internal.send.LinkService;
import io.descopefilter.jakarta.internal.session.SessionActions;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a login page or servlet needs to sign users in with links: magic links by email, SMS, WhatsApp or voice,
 * enchanted links, embedded links, email and phone updates, and CSRF tokens for the application's own forms.
 *
 * <p>Each {@link DescopeAuthFilter} owns one instance, published in the servlet context attribute
 * {@value #CONTEXT_ATTRIBUTE}. Two ways to get it:
 * <ul>
 *   <li>with CDI: {@code @Inject DescopeLinks links;} (a producer hands out the filter's instance, on any thread,
 *       off a request too);</li>
 *   <li>without CDI (plain Tomcat or Jetty): {@code DescopeLinks.from(servletContext)}.</li>
 * </ul>
 * Both need a filter that has initialised (at deployment, or at the first request on some servers); before that
 * both throw {@link IllegalStateException}, so a bean created at start-up injects {@code Instance<DescopeLinks>}
 * and calls {@code get()} when it needs it.
 * Links are built from the configured public base URL, landing path and a safe return path only. Sends are
 * limited per login ID and per client, and the answer is the same whether or not the account exists or a limit
 * was hit; malformed input, a request without the page's CSRF token and an unavailable Descope are reported (see
 * {@link SendOutcome}). Every send checks the CSRF token itself: the page only has to render
 * {@link #csrfToken} in its form.
 */
public final class DescopeLinks {

    /** The servlet context attribute under which the filter publishes its instance. */
    public static final String CONTEXT_ATTRIBUTE = "io.descopefilter.DescopeLinks";

    /** The new address becomes a login ID too, so the user can sign in with it after the change. */
    private static final UpdateOptions ADD_TO_LOGIN_IDS = UpdateOptions.builder().addToLoginIds(true).build();

    private final LinkService service;
    private final SessionActions sessions;
    private final EventDispatcher events;
    private final Readiness readiness;

    DescopeLinks(LinkService service, SessionActions sessions, EventDispatcher events, Readiness readiness) {
        this.service = Objects.requireNonNull(service, "service");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.events = Objects.requireNonNull(events, "events");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    /**
     * Registers a listener for the filter's events (sign-ins, refusals, sends, refreshes, sign-outs, key fetches,
     * Descope calls, breaker changes). It is called synchronously on the thread that did the work; its exceptions
     * are logged and never reach a request. Listeners named by the {@code eventListeners} setting, and CDI
     * observers of {@code DescopeEvent}, receive the same events.
     */
    public void addEventListener(DescopeEventListener listener) {
        events.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops sending events to a listener added with {@link #addEventListener}. */
    public void removeEventListener(DescopeEventListener listener) {
        events.remove(listener);
    }

    /**
     * Whether this node is ready: the checks {@code keys} (Descope's signing keys are loaded) and {@code descope}
     * (the circuit breaker is closed), and any the application's store adds. What the {@code healthPath} endpoint
     * and the MicroProfile Health check answer.
     */
    public Readiness.Report readiness() {
        return readiness.check();
    }

    /**
     * The instance published by the {@code DescopeAuthFilter} of this web application.
     *
     * @throws IllegalStateException when no filter has been initialised in this web application
     */
    public static DescopeLinks from(ServletContext context) {
        if (context.getAttribute(CONTEXT_ATTRIBUTE) instanceof DescopeLinks links) {
            return links;
        }
        throw new IllegalStateException("No DescopeAuthFilter has been initialised in this web application: "
                + "declare it in web.xml (or with ServletContext.addFilter) before using DescopeLinks");
    }

    /**
     * Sends a magic link.
     *
     * @param method   email, SMS, WhatsApp or voice
     * @param purpose  sign in, sign up, or sign up or in
     * @param loginId  an email address for {@code EMAIL}, an E.164 phone number otherwise
     * @param next     where to go after login (a path relative to the application root); unsafe values are ignored
     * @param options  Descope login options, or {@code null} for none (step-up and MFA need a signed-in user)
     */
    public LinkSent sendMagicLink(HttpServletRequest request, DeliveryMethod method, LinkPurpose purpose,
                                  String loginId, String next, LoginOptions options) {
        return service.sendMagicLink(request, Objects.requireNonNull(method, "method"),
                Objects.requireNonNull(purpose, "purpose"), loginId, next, options);
    }

    /**
     * Sends a sign-up magic link that creates the user with this profile (name, given and family name) when they
     * click it; otherwise like {@link #sendMagicLink}.
     */
    public LinkSent sendSignUpLink(HttpServletRequest request, DeliveryMethod method, String loginId,
                                   SignUpUser profile, String next, LoginOptions options) {
        return service.sendMagicLink(request, Objects.requireNonNull(method, "method"), LinkPurpose.SIGN_UP, loginId,
                profile, next, options);
    }

    /**
     * Starts an enchanted link sign-in: emails links, keeps the pending sign-in on the
     * server under a handle only this browser holds (an {@code HttpOnly} cookie), and returns the number the user
     * must pick. The page then polls the poll path.
     */
    public EnchantedLinkStarted startEnchantedLink(HttpServletRequest request, LinkPurpose purpose, String email,
                                                   String next, LoginOptions options) {
        return service.startEnchantedLink(request, Objects.requireNonNull(purpose, "purpose"), email, next, options);
    }

    /**
     * Generates an embedded link for an existing user and returns the full sign-in URL
     * ({@code <publicBaseUrl><landingPath>?next=..&t=..}). Needs the {@code managementKey} setting.
     *
     * @param timeout how long the link works, or {@code null} for Descope's default
     * @throws io.descopefilter.core.DescopeException when Descope refuses or cannot be reached
     */
    public String embeddedLinkUrl(String loginId, Map<String, Object> customClaims, Duration timeout, String next) {
        return service.embeddedLinkUrl(loginId, customClaims, timeout, next);
    }

    /**
     * Creates a user and returns the full URL of an embedded link that signs them in once
     * ({@code <publicBaseUrl><landingPath>?next=..&t=..}), for an invitation the application delivers itself. Needs
     * the {@code managementKey} setting. Login options such as {@code customClaims} end up in the user's session.
     *
     * @param profile the new user's name, or {@code null}
     * @param timeout how long the link works, or {@code null} for Descope's default
     * @throws io.descopefilter.core.DescopeException when Descope refuses (e.g. the user exists) or is unreachable
     */
    public String embeddedSignUpLinkUrl(String loginId, SignUpUser profile, LoginOptions options, Duration timeout,
                                        String next) {
        return service.embeddedSignUpLinkUrl(loginId, profile, options, timeout, next);
    }

    /**
     * The landing URL for a link token the application already holds, e.g. one it generated with the management
     * API and delivered in its own channel: send the browser there and the filter verifies it like any link.
     */
    public String landingUrlFor(String token, String next) {
        return service.landingUrlFor(token, next);
    }

    /**
     * Sends a link that confirms a new email address for the signed-in user; once confirmed, the address is also
     * a login ID. Needs a recent sign-in (setting {@code recentSignInForUpdates}), else answers
     * {@link SendOutcome#SIGN_IN_AGAIN}.
     */
    public LinkSent updateEmail(HttpServletRequest request, String newEmail, String next) {
        return updateEmail(request, newEmail, next, ADD_TO_LOGIN_IDS);
    }

    /**
     * Like {@link #updateEmail(HttpServletRequest, String, String)}, with Descope's update options: whether the
     * address becomes a login ID ({@code addToLoginIds}), template, locale, provider, {@code onMergeUseExisting}.
     */
    public LinkSent updateEmail(HttpServletRequest request, String newEmail, String next, UpdateOptions options) {
        return service.updateEmail(request, newEmail, next, Objects.requireNonNull(options, "options"));
    }

    /**
     * Sends a link by SMS or WhatsApp that confirms a new phone number for the signed-in user; once confirmed, the
     * number is also a login ID. Needs a recent sign-in, like {@link #updateEmail}.
     */
    public LinkSent updatePhone(HttpServletRequest request, DeliveryMethod method, String newPhone, String next) {
        return updatePhone(request, method, newPhone, next, ADD_TO_LOGIN_IDS);
    }

    /** Like {@link #updatePhone(HttpServletRequest, DeliveryMethod, String, String)}, with Descope's update options. */
    public LinkSent updatePhone(HttpServletRequest request, DeliveryMethod method, String newPhone, String next,
                                UpdateOptions options) {
        return service.updatePhone(request, Objects.requireNonNull(method, "method"), newPhone, next,
                Objects.requireNonNull(options, "options"));
    }

    /**
     * Signs the user out here and ends every other session of theirs at Descope ("sign out everywhere"). Other
     * browsers keep working until their session JWT expires (minutes), then their refresh fails and they are signed
     * out. The filter's {@code logoutAllPath} endpoint does the same for a form.
     *
     * @return {@code false} when nobody was signed in
     */
    public boolean signOutEverywhere(HttpServletRequest request) {
        return sessions.signOutEverywhere(request);
    }

    /**
     * Makes one of the signed-in user's tenants the current one: Descope issues a new session naming it
     * ({@code dct}), {@code isUserInRole} then answers for that tenant's roles, from this request on. The filter's
     * {@code tenantPath} endpoint does the same for a form.
     *
     * @return {@code false} when nobody is signed in, the user is not a member of {@code tenantId}, or Descope
     *         cannot be reached
     */
    public boolean selectTenant(HttpServletRequest request, String tenantId) {
        return sessions.selectTenant(request, tenantId);
    }

    /**
     * The signed-in user's details as Descope has them (name, email, phone, login IDs, verified flags, tenants),
     * read once per session and kept for a few minutes, so pages can show them without calling Descope on every
     * request. Empty when nobody is signed in or Descope cannot be reached.
     */
    public Optional<DescopeUser> currentUser(HttpServletRequest request) {
        return sessions.currentUser(request);
    }

    /** A CSRF token for the application's own forms (field {@code csrf} or header {@code X-CSRF-Token}). */
    public String csrfToken(HttpServletRequest request, HttpServletResponse response) {
        return service.csrfToken(request, response);
    }

    /** Whether a state-changing request carries a valid CSRF token and comes from the application's origin. */
    public boolean isValidCsrf(HttpServletRequest request) {
        return service.isValidCsrf(request);
    }
}
