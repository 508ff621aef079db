package io.descopefilter.jakarta.internal.config;

import com.nimbusds.jose.JWSAlgorithm;
import io.descopefilter.core.CallKind;
import io.descopefilter.core.CallProtection;
import io.descopefilter.core.DescopeClientConfig;
import io.descopefilter.core.InvalidConfigException;
import io.descopefilter.core.internal.config.InvalidSettingException;
import io.descopefilter.core.internal.config.Setting;
import io.descopefilter.core.internal.config.SettingSource;
import io.descopefilter.core.internal.config.Settings;
import io.descopefilter.core.SessionValidatorConfig;
import io.descopefilter.jakarta.internal.http.PathPatterns;
import io.descopefilter.jakarta.internal.http.RoleRules;
import io.descopefilter.jakarta.internal.http.ReturnTo;
import io.descopefilter.jakarta.internal.http.ClientAddress;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static io.descopefilter.jakarta.internal.config.FilterSettings.*;

/**
 * The filter's validated, immutable configuration. {@link #from(Settings)} reads every {@link FilterSettings}
 * entry and fails with an {@link InvalidSettingException} naming the setting and the fix, so that a filter with a
 * missing or contradictory setting never starts (and never starts permissive).
 */
public record FilterConfiguration(
        DescopeClientConfig client,
        SessionValidatorConfig validator,
        PublicBaseUrl publicBaseUrl,
        ClientAddress clientAddress,
        Routes routes,
        PathPatterns publicPaths,
        PathPatterns protectedPaths,
        PathPatterns stepUpPaths,
        RoleRules requiredRoles,
        SessionLimits sessionLimits,
        LandingMode landingMode,
        SessionStoreKind sessionStore,
        CookieSettings cookies,
        boolean acceptBearer,
        SendLimits sendLimits,
        Duration recentSignInForUpdates,
        String store,
        Function<String, String> storeSettings) {

    /** The setting behind each field of the core configurations. */
    private static final Map<String, Setting<?>> CORE_FIELDS = Map.of("projectId", PROJECT_ID,
            "managementKey", MANAGEMENT_KEY, "baseUrl", BASE_URL, "connectTimeout", CONNECT_TIMEOUT,
            "responseTimeout", RESPONSE_TIMEOUT, "callTimeout", CALL_TIMEOUT, "leeway", CLOCK_SKEW,
            "allowedAlgorithms", ALLOWED_ALGORITHMS, "audience", AUDIENCE, "protection", BREAKER_WAIT);
    /** Most calls of one kind in flight that a setting may ask for. */
    private static final int MAX_CONCURRENCY = 200;
    private static final Pattern APP_PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,=:@-]*)+");
    private static final Pattern COOKIE_DOMAIN_PATTERN = Pattern.compile("\\.?[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    /**
     * Reads every setting from its sources, first non-blank value wins: the map given to the filter's
     * constructor, the filter's init-params, the context-params, system properties {@code descope.<name>}, then
     * environment variables {@code DESCOPE_<UPPER_SNAKE_NAME>}.
     */
    public static FilterConfiguration read(Map<String, String> given, Function<String, String> initParams,
                                           Function<String, String> contextParams) {
        return from(sources(given, initParams, contextParams));
    }

    /** The settings' sources in the order of {@link #read}, for readers of further settings. */
    public static Settings sources(Map<String, String> given, Function<String, String> initParams,
                                   Function<String, String> contextParams) {
        return new Settings(List.of(
                SettingSource.of(given),
                SettingSource.named("init-param", initParams),
                SettingSource.named("context-param", contextParams),
                SettingSource.systemProperties(),
                SettingSource.environment()));
    }

    /** Reads and checks every setting; see the class comment. */
    public static FilterConfiguration from(Settings settings) {
        String projectId = settings.require(PROJECT_ID);
        Optional<String> managementKey = settings.find(MANAGEMENT_KEY);
        Optional<String> baseUrl = settings.find(BASE_URL);
        PublicBaseUrl publicBaseUrl = parse(PUBLIC_BASE_URL, settings.require(PUBLIC_BASE_URL), PublicBaseUrl::parse);
        ClientAddress clientAddress = parse(TRUSTED_PROXIES, settings.get(TRUSTED_PROXIES), ClientAddress::trusting);

        Routes routes = routes(settings);
        PathPatterns publicPaths = parse(PUBLIC_PATHS, settings.get(PUBLIC_PATHS), PathPatterns::forPublic);
        PathPatterns protectedPaths = parse(PROTECTED_PATHS, settings.get(PROTECTED_PATHS), PathPatterns::forProtected);
        PathPatterns stepUpPaths = parse(STEP_UP_PATHS, settings.get(STEP_UP_PATHS), PathPatterns::forProtected);
        RoleRules requiredRoles = parse(REQUIRED_ROLES, settings.get(REQUIRED_ROLES), RoleRules::parse);
        SessionLimits sessionLimits = new SessionLimits(settings.get(MAX_SESSION_AGE), settings.get(IDLE_TIMEOUT),
                positive(settings, STEP_UP_MAX_AGE));

        CookieSettings cookies = cookies(settings, publicBaseUrl);
        SendLimits limits = new SendLimits(settings.get(SEND_LIMIT_PER_LOGIN_ID), settings.get(SEND_LIMIT_PER_CLIENT),
                settings.get(FAILED_VERIFY_LIMIT_PER_CLIENT), settings.get(SEND_LIMIT_WINDOW),
                settings.get(FAILED_REFRESH_LIMIT_PER_CLIENT));
        check(SEND_LIMIT_WINDOW, !limits.window().isZero(), "must be at least 1 second");
        CallProtection protection = protection(settings);

        DescopeClientConfig client = core(() -> DescopeClientConfig.builder()
                .projectId(projectId)
                .managementKey(managementKey.orElse(null))
                .baseUrl(baseUrl.orElse(null))
                .connectTimeout(positive(settings, CONNECT_TIMEOUT))
                .responseTimeout(positive(settings, RESPONSE_TIMEOUT))
                .callTimeout(positive(settings, CALL_TIMEOUT))
                // One pooled connection per permit: every kind of call keeps the connections it was given.
                .maxConnections((int) protection.totalCap())
                .protection(protection)
                .build());
        SessionValidatorConfig validator = validator(settings, projectId, baseUrl);

        return new FilterConfiguration(client, validator, publicBaseUrl, clientAddress, routes, publicPaths,
                protectedPaths, stepUpPaths, requiredRoles, sessionLimits, settings.get(LANDING_MODE), settings.get(SESSION_STORE), cookies,
                settings.get(ACCEPT_BEARER), limits, settings.get(RECENT_SIGN_IN_FOR_UPDATES), settings.get(STORE),
                storeSettings(settings));
    }

    /**
     * The settings of a store module ({@code redisUri}, ...), by name, through the same chain as the filter's own:
     * given map, init-param, context-param, {@code descope.<name>}, {@code DESCOPE_<NAME>}.
     */
    private static Function<String, String> storeSettings(Settings settings) {
        return name -> settings.find(Setting.text(name, null, "a setting of the store module")).orElse(null);
    }

    /** The bulkheads (one connection each, reserved per kind of call) and the circuit breaker. */
    private static CallProtection protection(Settings settings) {
        Map<CallKind, Setting<Integer>> caps = Map.of(CallKind.VERIFY, MAX_CONCURRENT_VERIFIES,
                CallKind.REFRESH, MAX_CONCURRENT_REFRESHES, CallKind.SEND, MAX_CONCURRENT_SENDS,
                CallKind.POLL, MAX_CONCURRENT_POLLS, CallKind.LOGOUT, MAX_CONCURRENT_LOGOUTS,
                CallKind.KEYS, MAX_CONCURRENT_KEY_FETCHES);
        EnumMap<CallKind, Integer> maxConcurrent = new EnumMap<>(CallKind.class);
        caps.forEach((kind, setting) -> {
            int value = settings.get(setting);
            check(setting, value <= MAX_CONCURRENCY, "must be at most " + MAX_CONCURRENCY
                    + " (each is a pooled connection and a thread that may wait on Descope)");
            maxConcurrent.put(kind, value);
        });
        // Management calls the filter itself never makes: one connection is enough.
        maxConcurrent.put(CallKind.OTHER, 1);
        Duration wait = settings.get(BREAKER_WAIT);
        check(BREAKER_WAIT, !wait.isZero() && wait.compareTo(CallProtection.MAX_OPEN_WAIT) <= 0,
                "must be between 1 and 300 seconds");
        return core(() -> new CallProtection(maxConcurrent, settings.get(BREAKER_FAILURES), wait));
    }

    private static Routes routes(Settings settings) {
        String loginPage = appPath(settings, LOGIN_PAGE);
        String landing = appPath(settings, LANDING_PATH);
        String enchanted = appPath(settings, ENCHANTED_LANDING_PATH);
        String poll = appPath(settings, POLL_PATH);
        String logout = appPath(settings, LOGOUT_PATH);
        String logoutAll = appPath(settings, LOGOUT_ALL_PATH);
        String tenant = appPath(settings, TENANT_PATH);
        Set<String> endpoints = new HashSet<>();
        for (Setting<String> setting : List.of(LANDING_PATH, ENCHANTED_LANDING_PATH, POLL_PATH, LOGOUT_PATH,
                LOGOUT_ALL_PATH, TENANT_PATH)) {
            check(setting, endpoints.add(settings.get(setting)) && !settings.get(setting).equals(loginPage),
                    "must differ from the login page and from the filter's other endpoints");
        }
        Optional<String> errorPage = settings.find(ERROR_PAGE).map(path -> checkedAppPath(ERROR_PAGE, path));
        errorPage.ifPresent(page -> check(ERROR_PAGE, !endpoints.contains(page),
                "must not be one of the filter's own endpoints"));
        return new Routes(loginPage, landing, enchanted, poll, logout, logoutAll, tenant,
                returnPath(settings, AFTER_LOGIN_PATH),
                returnPath(settings, AFTER_LOGOUT_PATH), errorPage);
    }

    private static CookieSettings cookies(Settings settings, PublicBaseUrl publicBaseUrl) {
        boolean secure = settings.get(COOKIE_SECURE);
        SameSite sameSite = settings.get(COOKIE_SAME_SITE);
        check(COOKIE_SAME_SITE, secure || sameSite != SameSite.NONE,
                "may be none only with cookieSecure=true (browsers drop SameSite=None cookies without Secure)");
        check(COOKIE_SECURE, !secure || publicBaseUrl.isHttps() || publicBaseUrl.isLoopback(),
                "is true but publicBaseUrl is plain http on a non-loopback host, where browsers never send Secure "
                        + "cookies: serve the application over https, or set cookieSecure=false for local development");
        Optional<String> domain = settings.find(COOKIE_DOMAIN);
        domain.ifPresent(d -> check(COOKIE_DOMAIN, COOKIE_DOMAIN_PATTERN.matcher(d).matches(),
                "must be a host name such as example.com"));
        String path = settings.find(COOKIE_PATH).map(p -> checkedAppPath(COOKIE_PATH, p))
                .orElse(publicBaseUrl.path().isEmpty() ? "/" : publicBaseUrl.path());
        return new CookieSettings(secure, sameSite, domain, path,
                settings.get(SESSION_COOKIE_NAMES) == SessionCookieNames.PLAIN);
    }

    private static SessionValidatorConfig validator(Settings settings, String projectId, Optional<String> baseUrl) {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : settings.get(ALLOWED_ALGORITHMS)) {
            algorithms.add(JWSAlgorithm.parse(name));
        }
        Optional<String> audience = settings.find(AUDIENCE);
        check(VERIFIED_TOKEN_CACHE_SIZE, settings.get(VERIFIED_TOKEN_CACHE_SIZE)
                <= SessionValidatorConfig.MAX_VERIFIED_TOKEN_CACHE_SIZE, "must be at most "
                + SessionValidatorConfig.MAX_VERIFIED_TOKEN_CACHE_SIZE);
        return core(() -> {
            SessionValidatorConfig.Builder builder = SessionValidatorConfig.builder(projectId)
                    .allowedAlgorithms(algorithms)
                    .audience(audience.orElse(null))
                    .leeway(settings.get(CLOCK_SKEW))
                    .verifiedTokenCacheSize(settings.get(VERIFIED_TOKEN_CACHE_SIZE));
            baseUrl.ifPresent(builder::baseUrl);
            return builder.build();
        });
    }

    /**
     * Builds a core configuration, whose rules are the only check of these values: a refused value is reported
     * under the setting that holds it, with its fix.
     */
    private static <R> R core(Supplier<R> build) {
        try {
            return build.get();
        } catch (InvalidConfigException e) {
            Setting<?> setting = CORE_FIELDS.getOrDefault(e.field(), PROJECT_ID);
            throw new InvalidSettingException(setting, "is invalid: " + e.getMessage() + ". Fix: "
                    + setting.description() + ".");
        }
    }

    private static String appPath(Settings settings, Setting<String> setting) {
        return checkedAppPath(setting, settings.get(setting));
    }

    /** A canonical path relative to the context root: {@code /x/y}, no query, no dot segments, no {@code ;}. */
    static String checkedAppPath(Setting<String> setting, String path) {
        check(setting, path.length() <= 512 && APP_PATH.matcher(path).matches() && !path.contains("//")
                        && !path.matches(".*/\\.{1,2}(/.*)?"),
                "must be a plain path relative to the context root, such as /login (no query, ;, %, // or dot segments)");
        return path;
    }

    private static String returnPath(Settings settings, Setting<String> setting) {
        String value = settings.get(setting);
        return ReturnTo.ifSafe(value).filter(value::equals).orElseThrow(() -> new InvalidSettingException(setting,
                "must be a path relative to the context root starting with a single /, such as /orders"));
    }

    private static Duration positive(Settings settings, Setting<Duration> setting) {
        Duration value = settings.get(setting);
        check(setting, !value.isZero(), "must be at least 1 second");
        return value;
    }

    private static <T, R> R parse(Setting<?> setting, T value, Function<T, R> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting, "is invalid: " + e.getMessage() + ". Fix: "
                    + setting.description() + ".");
        }
    }

    private static void check(Setting<?> setting, boolean valid, String rule) {
        if (!valid) {
            throw new InvalidSettingException(setting, rule + ".");
        }
    }
}
