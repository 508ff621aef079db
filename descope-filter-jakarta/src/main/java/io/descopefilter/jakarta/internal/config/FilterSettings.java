package io.descopefilter.jakarta.internal.config;

import io.descopefilter.core.internal.config.Setting;

import java.time.Duration;
import java.util.List;

/**
 * Every setting of {@code DescopeAuthFilter}: name, type, default and meaning (the Apereo CAS client's
 * {@code ConfigurationKeys} pattern). Each is read from the filter's init-param, then the context-param, then the
 * system property {@code descope.<name>}, then the environment variable {@code DESCOPE_<UPPER_SNAKE_NAME>}.
 * README.md's settings table is checked against this list by a test.
 */
public final class FilterSettings {

    public static final Setting<String> PROJECT_ID = Setting.text("projectId", null,
            "Required. The Descope project ID (at least 28 letters or digits)");
    public static final Setting<String> MANAGEMENT_KEY = Setting.secret("managementKey",
            "Descope management key; needed only for embedded links");
    public static final Setting<String> BASE_URL = Setting.text("baseUrl", null,
            "Descope API base URL; derived from the project ID's region when unset");
    public static final Setting<String> PUBLIC_BASE_URL = Setting.text("publicBaseUrl", null,
            "Required. Absolute URL of the application root including the context path, e.g. "
                    + "`https://shop.example.com/shop`; every link and redirect is built from it, never from "
                    + "`Host` or `X-Forwarded-*` headers");
    public static final Setting<List<String>> TRUSTED_PROXIES = Setting.list("trustedProxies", List.of(),
            "Comma-separated IP addresses of reverse proxies whose `X-Forwarded-For` names the client "
                    + "(used for send and verify limits)");
    public static final Setting<String> LOGIN_PAGE = Setting.text("loginPage", "/login",
            "The application's login page; browsers without a session are redirected here with `?next=`");
    public static final Setting<String> LANDING_PATH = Setting.text("landingPath", "/descope/verify",
            "Where magic and embedded links land");
    public static final Setting<String> ENCHANTED_LANDING_PATH = Setting.text("enchantedLandingPath",
            "/descope/enchanted", "Where enchanted links land");
    public static final Setting<String> POLL_PATH = Setting.text("pollPath", "/descope/poll",
            "Enchanted link poll endpoint (GET, JSON)");
    public static final Setting<String> LOGOUT_PATH = Setting.text("logoutPath", "/descope/logout",
            "Logout endpoint (POST with a CSRF token)");
    public static final Setting<String> LOGOUT_ALL_PATH = Setting.text("logoutAllPath", "/descope/logout-all",
            "Sign-out-everywhere endpoint (POST with a CSRF token): ends every session of the user at Descope");
    public static final Setting<String> TENANT_PATH = Setting.text("tenantPath", "/descope/tenant",
            "Tenant selection endpoint (POST `tenant` with a CSRF token): makes one of the user's tenants current");
    public static final Setting<String> AFTER_LOGIN_PATH = Setting.text("afterLoginPath", "/",
            "Page after login when the link carries no safe next");
    public static final Setting<String> AFTER_LOGOUT_PATH = Setting.text("afterLogoutPath", "/",
            "Page after logout");
    public static final Setting<List<String>> PUBLIC_PATHS = Setting.list("publicPaths", List.of(),
            "Comma-separated patterns (`/exact` or `/prefix/*`) that never require a session; the login page, "
                    + "the error page and the filter's own paths are always public");
    public static final Setting<List<String>> PROTECTED_PATHS = Setting.list("protectedPaths", List.of("/*"),
            "Comma-separated patterns (`/exact` or `/prefix/*`) that require a session; matched case-insensitively");
    public static final Setting<List<String>> REQUIRED_ROLES = Setting.list("requiredRoles", List.of(),
            "Comma-separated `pattern=role` pairs, e.g. `/admin/*=admin`: a signed-in user without that role (at "
                    + "project level or in the current tenant) gets 403; API clients get RFC 6750 `insufficient_scope`");
    public static final Setting<List<String>> STEP_UP_PATHS = Setting.list("stepUpPaths", List.of(),
            "Comma-separated patterns (`/exact` or `/prefix/*`) that need a sign-in or step-up within `stepUpMaxAge`; "
                    + "others are sent to the login page with `stepup=true` (API clients get 403)");
    public static final Setting<Duration> STEP_UP_MAX_AGE = Setting.seconds("stepUpMaxAge", Duration.ofMinutes(10),
            "How recent, in seconds, a sign-in or step-up must be for `stepUpPaths`");
    public static final Setting<Duration> MAX_SESSION_AGE = Setting.seconds("maxSessionAge", Duration.ZERO,
            "Longest a session may last after its sign-in, in seconds, whatever Descope's refresh lifetime; 0 for no "
                    + "limit");
    public static final Setting<Duration> IDLE_TIMEOUT = Setting.seconds("idleTimeout", Duration.ZERO,
            "Sign out after this many seconds without a request; 0 for none (shared by the nodes through `store`)");
    public static final Setting<LandingMode> LANDING_MODE = Setting.choice("landingMode", LandingMode.class,
            LandingMode.CONFIRM, "What a GET of a link does: `confirm` (a button POSTs), `auto` (the page "
                    + "submits itself) or `direct` (GET consumes)");
    public static final Setting<SessionStoreKind> SESSION_STORE = Setting.choice("sessionStore",
            SessionStoreKind.class, SessionStoreKind.COOKIE,
            "`cookie` (stateless `DS`/`DSR` cookies) or `http-session` (tokens in the `HttpSession`)");
    public static final Setting<Boolean> COOKIE_SECURE = Setting.flag("cookieSecure", true,
            "`Secure` attribute on the filter's cookies; `false` only for local http development");
    public static final Setting<SameSite> COOKIE_SAME_SITE = Setting.choice("cookieSameSite", SameSite.class,
            SameSite.LAX, "`SameSite` attribute of the `DS` and `DSR` cookies: `strict`, `lax` or `none`");
    public static final Setting<SessionCookieNames> SESSION_COOKIE_NAMES = Setting.choice("sessionCookieNames",
            SessionCookieNames.class, SessionCookieNames.PREFIXED, "`prefixed` (`__Host-DS`/`__Host-DSR` when "
                    + "`Secure`, so no sibling subdomain or http response can plant them) or `plain` (`DS`/`DSR`, "
                    + "which Descope's front-end SDK reads; see SECURITY.md for the risk)");
    public static final Setting<String> COOKIE_DOMAIN = Setting.text("cookieDomain", null,
            "`Domain` attribute of the filter's cookies; unset means host-only (recommended)");
    public static final Setting<String> COOKIE_PATH = Setting.text("cookiePath", null,
            "`Path` attribute of the filter's cookies; defaults to the path of `publicBaseUrl`, or `/`");
    public static final Setting<Duration> RECENT_SIGN_IN_FOR_UPDATES = Setting.seconds("recentSignInForUpdates",
            Duration.ofMinutes(10), "How recent a sign-in must be, in seconds, for `DescopeLinks` to send an email "
                    + "or phone update link (a stolen session cannot add the thief's address); 0 turns the check off");
    public static final Setting<Boolean> ACCEPT_BEARER = Setting.flag("acceptBearer", false,
            "Accept `Authorization: Bearer` session JWTs (for API clients)");
    public static final Setting<Integer> SEND_LIMIT_PER_LOGIN_ID = Setting.number("sendLimitPerLoginId", 3, 1,
            "Links sent to one login ID per window");
    public static final Setting<Integer> SEND_LIMIT_PER_CLIENT = Setting.number("sendLimitPerClient", 20, 1,
            "Links sent for one client IP per window");
    public static final Setting<Duration> SEND_LIMIT_WINDOW = Setting.seconds("sendLimitWindow",
            Duration.ofSeconds(60), "Length of the send and verify limit window, in seconds");
    public static final Setting<Integer> FAILED_VERIFY_LIMIT_PER_CLIENT = Setting.number(
            "failedVerifyLimitPerClient", 30, 1,
            "Failed link verifications per client IP per window before the landing answers 429");
    public static final Setting<Integer> FAILED_REFRESH_LIMIT_PER_CLIENT = Setting.number(
            "failedRefreshLimitPerClient", 10, 1,
            "Session refreshes Descope refuses per client IP per window; past it, that client's refresh JWTs are not "
                    + "sent to Descope until the window ends (refused refresh JWTs are never sent twice)");
    public static final Setting<Integer> MAX_CONCURRENT_VERIFIES = Setting.number("maxConcurrentVerifies", 4, 1,
            "Link verifications in flight to Descope at once; one more is answered 503 with `Retry-After` at once");
    public static final Setting<Integer> MAX_CONCURRENT_REFRESHES = Setting.number("maxConcurrentRefreshes", 6, 1,
            "Session refreshes in flight to Descope at once (and as many requests waiting for them); one more "
                    + "is treated as signed out for that request, without waiting");
    public static final Setting<Integer> MAX_CONCURRENT_SENDS = Setting.number("maxConcurrentSends", 4, 1,
            "Link sends and enchanted starts in flight to Descope at once; one more answers `TRY_LATER` at once");
    public static final Setting<Integer> MAX_CONCURRENT_POLLS = Setting.number("maxConcurrentPolls", 2, 1,
            "Enchanted link polls in flight to Descope at once; one more answers \"pending\" at once");
    public static final Setting<Integer> MAX_CONCURRENT_LOGOUTS = Setting.number("maxConcurrentLogouts", 2, 1,
            "Logout calls in flight to Descope at once; one more signs out locally without waiting");
    public static final Setting<Integer> MAX_CONCURRENT_KEY_FETCHES = Setting.number("maxConcurrentKeyFetches", 2, 1,
            "Key set fetches in flight at once; these connections are kept for them, whatever else floods");
    public static final Setting<Integer> BREAKER_FAILURES = Setting.number("breakerFailures", 5, 0,
            "Descope failures in a row (5xx, timeouts, broken or unusable answers) that open the circuit breaker; "
                    + "a 429 counts but never opens it alone (Descope also answers 429 for one login ID); "
                    + "0 turns the breaker off");
    public static final Setting<Duration> BREAKER_WAIT = Setting.seconds("breakerWait", Duration.ofSeconds(10),
            "How long the open breaker refuses calls, in seconds (1 to 300), unless Descope's `Retry-After` says "
                    + "otherwise; then one call probes and its success closes the breaker");
    public static final Setting<List<String>> ALLOWED_ALGORITHMS = Setting.list("allowedAlgorithms",
            List.of("RS256"), "JWT signature algorithms accepted: `RS256`, `RS384` and/or `RS512`");
    public static final Setting<Duration> CLOCK_SKEW = Setting.seconds("clockSkew", Duration.ofSeconds(5),
            "Leeway for `exp`, `nbf` and `iat`, in seconds (at most 60)");
    public static final Setting<String> AUDIENCE = Setting.text("audience", null,
            "When set, session JWTs must carry this `aud`");
    public static final Setting<Integer> VERIFIED_TOKEN_CACHE_SIZE = Setting.number("verifiedTokenCacheSize",
            10_000, 0, "Session JWTs remembered after a full signature check, so their next requests skip the RSA "
                    + "work; size it to the sessions active within a session JWT's lifetime (each remembered session "
                    + "costs about 1.4 KB of heap, see BENCHMARKS.md); 0 turns the cache off");
    public static final Setting<String> ERROR_PAGE = Setting.text("errorPage", null,
            "Path the filter forwards to instead of rendering its own error pages (request attribute "
                    + "`io.descopefilter.error` holds the reason)");
    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.seconds("connectTimeout",
            Duration.ofSeconds(2), "Descope connect timeout, in seconds");
    public static final Setting<Duration> RESPONSE_TIMEOUT = Setting.seconds("responseTimeout",
            Duration.ofSeconds(5), "Descope response (read) timeout, in seconds");
    public static final Setting<Duration> CALL_TIMEOUT = Setting.seconds("callTimeout",
            Duration.ofSeconds(10), "Deadline for a whole Descope call, in seconds");
    public static final Setting<String> STORE = Setting.text("store", "memory",
            "Where the state shared by every node lives (limits, refresh coordination, enchanted link waits, held "
                    + "sign-ins, idle times): `memory` (this node only) or the name of a store module on the class "
                    + "path (`jcache`, `redis`), which reads its own settings the same way");
    public static final Setting<List<String>> EVENT_LISTENERS = Setting.list("eventListeners", List.of(),
            "Comma-separated class names of `DescopeEventListener`s (public, with a public no-argument "
                    + "constructor) that receive the filter's events; checked at start-up");
    public static final Setting<EventLoginIds> EVENT_LOGIN_IDS = Setting.choice("eventLoginIds", EventLoginIds.class,
            EventLoginIds.MASKED, "Login IDs in events: `masked` (`a***@example.com`) or `full`");
    public static final Setting<String> HEALTH_PATH = Setting.text("healthPath", null,
            "When set (e.g. `/descope/health`), this path answers readiness as JSON (200 `UP` or 503 `DOWN`, with "
                    + "the checks `keys`, `descope` and, with a shared store, `store`); off by default");

    /** Every setting, in the order of the documentation table. */
    public static final List<Setting<?>> ALL = List.of(PROJECT_ID, MANAGEMENT_KEY, BASE_URL, PUBLIC_BASE_URL,
            TRUSTED_PROXIES, LOGIN_PAGE, LANDING_PATH, ENCHANTED_LANDING_PATH, POLL_PATH, LOGOUT_PATH,
            LOGOUT_ALL_PATH, TENANT_PATH, AFTER_LOGIN_PATH, AFTER_LOGOUT_PATH, PUBLIC_PATHS, PROTECTED_PATHS,
            REQUIRED_ROLES, STEP_UP_PATHS, STEP_UP_MAX_AGE, MAX_SESSION_AGE, IDLE_TIMEOUT, LANDING_MODE, SESSION_STORE,
            COOKIE_SECURE, COOKIE_SAME_SITE, SESSION_COOKIE_NAMES, COOKIE_DOMAIN, COOKIE_PATH,
            RECENT_SIGN_IN_FOR_UPDATES, ACCEPT_BEARER, SEND_LIMIT_PER_LOGIN_ID,
            SEND_LIMIT_PER_CLIENT, SEND_LIMIT_WINDOW, FAILED_VERIFY_LIMIT_PER_CLIENT, FAILED_REFRESH_LIMIT_PER_CLIENT,
            MAX_CONCURRENT_VERIFIES, MAX_CONCURRENT_REFRESHES, MAX_CONCURRENT_SENDS, MAX_CONCURRENT_POLLS,
            MAX_CONCURRENT_LOGOUTS, MAX_CONCURRENT_KEY_FETCHES, BREAKER_FAILURES, BREAKER_WAIT, ALLOWED_ALGORITHMS,
            CLOCK_SKEW, AUDIENCE, VERIFIED_TOKEN_CACHE_SIZE, ERROR_PAGE, CONNECT_TIMEOUT, RESPONSE_TIMEOUT, CALL_TIMEOUT,
            STORE, EVENT_LISTENERS, EVENT_LOGIN_IDS, HEALTH_PATH);

    private FilterSettings() {
    }
}
