package io.descopefilter.core;

import io.descopefilter.core.internal.events.EventDispatcher;
import io.descopefilter.core.internal.http.DescopeTransport;
import io.descopefilter.core.internal.http.ErrorResponses;
import io.descopefilter.core.internal.http.InputChecks;
import io.descopefilter.core.internal.http.JsonCodec;

import io.descopefilter.core.internal.wire.EmbeddedLinkBody;
import io.descopefilter.core.internal.wire.LinkSignInBody;
import io.descopefilter.core.internal.wire.LinkSignUpBody;
import io.descopefilter.core.internal.wire.PendingRefBody;
import io.descopefilter.core.internal.wire.SignUpEmbeddedLinkBody;
import io.descopefilter.core.internal.wire.TokenBody;
import io.descopefilter.core.internal.wire.UpdateBody;
import io.descopefilter.core.internal.wire.UserEnvelope;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.hc.core5.pool.PoolStats;

/**
 * Typed client for the Descope REST API used by passwordless link login (contract §2–§6, §13).
 *
 * <p>Create one per configuration with {@link #create(DescopeClientConfig)} and share it: it is thread-safe and
 * reuses pooled connections. It owns a connection pool and one daemon thread ({@code descope-client-deadlines},
 * started by the first call) that enforces call deadlines; {@link #close()} releases both. Every method checks its arguments before any HTTP call and throws
 * {@link IllegalArgumentException} for bad input; every failure of the call itself is a {@link DescopeException}.
 * Any call may be retried after a failed connect, when nothing was sent; only the reads that consume nothing
 * ({@link #fetchKeySetJson()}, {@link #me(String)}) are also retried after a "service unavailable" status or a
 * broken connection. Single-use tokens, pending references and refresh JWTs are never sent twice.
 *
 * <p>Sending methods validate {@code loginId} as the delivery address: an email address for
 * {@link DeliveryMethod#EMAIL} and enchanted links, an E.164 phone number otherwise. A {@code redirectUri} may be
 * {@code null} (the project's default applies); otherwise it must be an absolute http(s) URL.
 */
public final class DescopeClient implements AutoCloseable {

    private static final String MAGIC_LINK = "/v1/auth/magiclink";
    private static final String ENCHANTED_LINK = "/v1/auth/enchantedlink";

    private final DescopeClientConfig config;
    private final DescopeTransport transport;
    private volatile io.descopefilter.core.internal.resilience.SharedCircuitVerdict sharedVerdict;

    private DescopeClient(DescopeClientConfig config, DescopeEventListener listener) {
        this.config = config;
        this.transport = new DescopeTransport(config, EventDispatcher.of(listener));
    }

    public static DescopeClient create(DescopeClientConfig config) {
        return create(config, null);
    }

    /**
     * A client that reports every call ({@link DescopeEvent.DescopeCall}) and every change of its circuit breaker
     * ({@link DescopeEvent.BreakerOpened}, {@link DescopeEvent.BreakerClosed}) to {@code listener}.
     *
     * @param listener may be {@code null} for none
     */
    public static DescopeClient create(DescopeClientConfig config, DescopeEventListener listener) {
        return new DescopeClient(Objects.requireNonNull(config, "config is required"), listener);
    }

    /**
     * Whether the circuit breaker is open or half-open (calls fail at once, or one probes); always {@code false}
     * without a breaker ({@link CallProtection}). For readiness checks.
     */
    public boolean isCircuitOpen() {
        return transport.circuitState() != null
                && transport.circuitState() != io.descopefilter.core.internal.resilience.CircuitBreaker.State.CLOSED;
    }

    public DescopeClientConfig config() {
        return config;
    }

    // ---- Magic link (contract §2) ----

    /** {@code POST /v1/auth/magiclink/signin/{method}} without options. */
    public LinkSent magicLinkSignIn(DeliveryMethod method, String loginId, String redirectUri) {
        return magicLinkSignIn(method, loginId, redirectUri, LoginOptions.NONE, null);
    }

    /**
     * {@code POST /v1/auth/magiclink/signin/{method}}.
     *
     * @param refreshJwt the user's refresh JWT; required when {@code options} asks for stepup or mfa, otherwise
     *                   ignored (may be {@code null})
     */
    public LinkSent magicLinkSignIn(DeliveryMethod method, String loginId, String redirectUri, LoginOptions options,
                                    String refreshJwt) {
        return post(MAGIC_LINK + "/signin/" + pathOf(method), signInAuthorization(options, refreshJwt),
                signInBody(InputChecks.loginId(loginId), redirectUri, options), LinkSent.class);
    }

    /** {@code POST /v1/auth/magiclink/signup/{method}} without options. */
    public LinkSent magicLinkSignUp(DeliveryMethod method, String loginId, String redirectUri, SignUpUser user) {
        return magicLinkSignUp(method, loginId, redirectUri, user, LoginOptions.NONE);
    }

    /** {@code POST /v1/auth/magiclink/signup/{method}}; {@code user} may be {@code null}. */
    public LinkSent magicLinkSignUp(DeliveryMethod method, String loginId, String redirectUri, SignUpUser user,
                                    LoginOptions options) {
        return post(MAGIC_LINK + "/signup/" + pathOf(method), bearer(),
                signUpBody(method, loginId, redirectUri, user, options), LinkSent.class);
    }

    /** {@code POST /v1/auth/magiclink/signup-in/{method}} without options. */
    public LinkSent magicLinkSignUpOrIn(DeliveryMethod method, String loginId, String redirectUri) {
        return magicLinkSignUpOrIn(method, loginId, redirectUri, LoginOptions.NONE);
    }

    /** {@code POST /v1/auth/magiclink/signup-in/{method}}. */
    public LinkSent magicLinkSignUpOrIn(DeliveryMethod method, String loginId, String redirectUri,
                                        LoginOptions options) {
        rejectSessionOptions(options, "sign-up-or-in");
        return post(MAGIC_LINK + "/signup-in/" + pathOf(method), bearer(),
                signInBody(InputChecks.address(method, loginId, "loginId"), redirectUri, options), LinkSent.class);
    }

    /** {@code POST /v1/auth/magiclink/verify}: exchanges the link's {@code t} token (or an embedded-link token). */
    public JwtResponse magicLinkVerify(String token) {
        TokenBody body = new TokenBody(InputChecks.opaqueToken(token, "token"));
        return requireSession(post(MAGIC_LINK + "/verify", bearer(), body, JwtResponse.class),
                MAGIC_LINK + "/verify");
    }

    /** {@code POST /v1/auth/magiclink/update/email}: sends a link that confirms the signed-in user's new email. */
    public LinkSent magicLinkUpdateEmail(String refreshJwt, String loginId, String newEmail, String redirectUri,
                                         UpdateOptions options) {
        String authorization = bearer(InputChecks.refreshJwt(refreshJwt));
        UpdateBody body = updateBody(loginId, InputChecks.email(newEmail, "newEmail"), null, redirectUri, options);
        return post(MAGIC_LINK + "/update/email", authorization, body, LinkSent.class);
    }

    /**
     * {@code POST /v1/auth/magiclink/update/phone/{sms|whatsapp}}: sends a link that confirms the signed-in user's
     * new phone number. Only {@link DeliveryMethod#SMS} and {@link DeliveryMethod#WHATSAPP} are accepted.
     */
    public LinkSent magicLinkUpdatePhone(String refreshJwt, DeliveryMethod method, String loginId, String newPhone,
                                         String redirectUri, UpdateOptions options) {
        if (InputChecks.required(method, "method") != DeliveryMethod.SMS && method != DeliveryMethod.WHATSAPP) {
            throw new IllegalArgumentException("phone updates are delivered by SMS or WHATSAPP only");
        }
        String authorization = bearer(InputChecks.refreshJwt(refreshJwt));
        UpdateBody body = updateBody(loginId, null, InputChecks.phone(newPhone, "newPhone"), redirectUri, options);
        return post(MAGIC_LINK + "/update/phone/" + method.pathSegment(), authorization, body, LinkSent.class);
    }

    // ---- Enchanted link, email only (contract §3) ----

    /** {@code POST /v1/auth/enchantedlink/signin/email} without options. */
    public EnchantedLinkResponse enchantedLinkSignIn(String loginId, String redirectUri) {
        return enchantedLinkSignIn(loginId, redirectUri, LoginOptions.NONE, null);
    }

    /**
     * {@code POST /v1/auth/enchantedlink/signin/email}.
     *
     * @param refreshJwt the user's refresh JWT; required when {@code options} asks for stepup or mfa, otherwise
     *                   ignored (may be {@code null})
     */
    public EnchantedLinkResponse enchantedLinkSignIn(String loginId, String redirectUri, LoginOptions options,
                                                     String refreshJwt) {
        return requirePendingRef(post(ENCHANTED_LINK + "/signin/email", signInAuthorization(options, refreshJwt),
                signInBody(InputChecks.loginId(loginId), redirectUri, options), EnchantedLinkResponse.class),
                ENCHANTED_LINK + "/signin/email");
    }

    /** {@code POST /v1/auth/enchantedlink/signup/email} without options. */
    public EnchantedLinkResponse enchantedLinkSignUp(String loginId, String redirectUri, SignUpUser user) {
        return enchantedLinkSignUp(loginId, redirectUri, user, LoginOptions.NONE);
    }

    /** {@code POST /v1/auth/enchantedlink/signup/email}; {@code user} may be {@code null}. */
    public EnchantedLinkResponse enchantedLinkSignUp(String loginId, String redirectUri, SignUpUser user,
                                                     LoginOptions options) {
        return requirePendingRef(post(ENCHANTED_LINK + "/signup/email", bearer(),
                signUpBody(DeliveryMethod.EMAIL, loginId, redirectUri, user, options), EnchantedLinkResponse.class),
                ENCHANTED_LINK + "/signup/email");
    }

    /** {@code POST /v1/auth/enchantedlink/signup-in/email} without options. */
    public EnchantedLinkResponse enchantedLinkSignUpOrIn(String loginId, String redirectUri) {
        return enchantedLinkSignUpOrIn(loginId, redirectUri, LoginOptions.NONE);
    }

    /** {@code POST /v1/auth/enchantedlink/signup-in/email}. */
    public EnchantedLinkResponse enchantedLinkSignUpOrIn(String loginId, String redirectUri, LoginOptions options) {
        rejectSessionOptions(options, "sign-up-or-in");
        return requirePendingRef(post(ENCHANTED_LINK + "/signup-in/email", bearer(),
                signInBody(InputChecks.email(loginId, "loginId"), redirectUri, options),
                EnchantedLinkResponse.class), ENCHANTED_LINK + "/signup-in/email");
    }

    /** {@code POST /v1/auth/enchantedlink/verify}: marks the link as clicked; the session goes to the poller. */
    public void enchantedLinkVerify(String token) {
        post(ENCHANTED_LINK + "/verify", bearer(), new TokenBody(InputChecks.opaqueToken(token, "token")),
                JsonObject.class);
    }

    /**
     * {@code POST /v1/auth/enchantedlink/pending-session}: the session once the link was clicked. While it was not,
     * throws a {@link DescopeException} with {@link DescopeException#isPending()}.
     */
    public JwtResponse enchantedLinkPendingSession(String pendingRef) {
        PendingRefBody body = new PendingRefBody(InputChecks.opaqueToken(pendingRef, "pendingRef"));
        return requireSession(post(ENCHANTED_LINK + "/pending-session", bearer(), body, JwtResponse.class),
                ENCHANTED_LINK + "/pending-session");
    }

    /** {@code POST /v1/auth/enchantedlink/update/email}: an enchanted link confirming the user's new email. */
    public EnchantedLinkResponse enchantedLinkUpdateEmail(String refreshJwt, String loginId, String newEmail,
                                                          String redirectUri, UpdateOptions options) {
        String authorization = bearer(InputChecks.refreshJwt(refreshJwt));
        UpdateBody body = updateBody(loginId, InputChecks.email(newEmail, "newEmail"), null, redirectUri, options);
        return requirePendingRef(post(ENCHANTED_LINK + "/update/email", authorization, body,
                EnchantedLinkResponse.class), ENCHANTED_LINK + "/update/email");
    }

    // ---- Management (contract §4, §13); needs DescopeClientConfig.managementKey ----

    /**
     * {@code POST /v1/mgmt/user/signin/embeddedlink}: a token for an existing user, to be exchanged with
     * {@link #magicLinkVerify(String)}.
     *
     * @param customClaims   claims for the issued JWTs (strings, finite numbers, booleans), or {@code null}
     * @param timeoutSeconds token lifetime; 0 lets Descope choose
     */
    public String generateEmbeddedLink(String loginId, Map<String, Object> customClaims, int timeoutSeconds) {
        String authorization = managementAuthorization();
        EmbeddedLinkBody body = new EmbeddedLinkBody(InputChecks.loginId(loginId),
                InputChecks.customClaims(customClaims), nonNegative(timeoutSeconds));
        return requireToken(post("/v1/mgmt/user/signin/embeddedlink", authorization, body, TokenBody.class),
                "/v1/mgmt/user/signin/embeddedlink");
    }

    /** {@code POST /v1/mgmt/user/signup/embeddedlink}: creates the user and returns a token for it. */
    public String generateSignUpEmbeddedLink(String loginId, SignUpUser user, boolean emailVerified,
                                             boolean phoneVerified, LoginOptions options, int timeoutSeconds) {
        String authorization = managementAuthorization();
        rejectSessionOptions(options, "sign-up");
        SignUpEmbeddedLinkBody body = new SignUpEmbeddedLinkBody(InputChecks.loginId(loginId), user,
                emailVerified, phoneVerified, sentOptions(options), nonNegative(timeoutSeconds));
        return requireToken(post("/v1/mgmt/user/signup/embeddedlink", authorization, body, TokenBody.class),
                "/v1/mgmt/user/signup/embeddedlink");
    }

    /** {@code POST /v1/mgmt/user/create}. */
    public DescopeUser createUser(UserCreateRequest request) {
        InputChecks.required(request, "request");
        UserEnvelope created = post("/v1/mgmt/user/create", managementAuthorization(), request, UserEnvelope.class);
        if (created.user() == null) {
            throw malformed("POST /v1/mgmt/user/create", "no user in the answer");
        }
        return created.user();
    }

    // ---- Session (contract §6) ----

    /**
     * {@code POST /v1/auth/refresh}: a new session JWT. {@link JwtResponse#refreshJwt()} is {@code null} unless
     * Descope rotated the refresh token; then the old one must be replaced.
     */
    public JwtResponse refresh(String refreshJwt) {
        String authorization = bearer(InputChecks.refreshJwt(refreshJwt));
        return requireSession(post("/v1/auth/refresh", authorization, Map.of(), JwtResponse.class),
                "/v1/auth/refresh");
    }

    /**
     * {@code POST /v1/auth/tenant/select}: a new session whose current tenant ({@code dct}) is {@code tenantId},
     * one of the user's tenants.
     */
    public JwtResponse selectTenant(String refreshJwt, String tenantId) {
        String authorization = bearer(InputChecks.refreshJwt(refreshJwt));
        if (tenantId == null || tenantId.isBlank() || tenantId.length() > 256
                || !tenantId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("tenantId must be 1 to 256 visible ASCII characters");
        }
        return requireSession(post("/v1/auth/tenant/select", authorization, Map.of("tenant", tenantId),
                JwtResponse.class), "/v1/auth/tenant/select");
    }

    /** {@code POST /v1/auth/logout}: revokes this refresh JWT. */
    public void logout(String refreshJwt) {
        post("/v1/auth/logout", bearer(InputChecks.refreshJwt(refreshJwt)), Map.of(), JsonObject.class);
    }

    /** {@code POST /v1/auth/logoutall}: revokes every session of the user. */
    public void logoutAll(String refreshJwt) {
        post("/v1/auth/logoutall", bearer(InputChecks.refreshJwt(refreshJwt)), Map.of(), JsonObject.class);
    }

    /** {@code GET /v1/auth/me}: the signed-in user. */
    public DescopeUser me(String refreshJwt) {
        return parse(idempotentGet("/v1/auth/me", bearer(InputChecks.refreshJwt(refreshJwt))), DescopeUser.class);
    }

    /** {@code GET /v2/keys/{projectId}}: the project's JWKS as raw JSON, checked to be one JSON object. */
    public String fetchKeySetJson() {
        DescopeTransport.Call call = idempotentGet("/v2/keys/" + config.projectId(), bearer());
        byte[] body = successBody(call);
        try {
            return JsonCodec.requireJsonObject(body);
        } catch (JsonCodec.MalformedJsonException e) {
            throw malformed(call.describe(), e.getMessage());
        }
    }

    /**
     * Closes the connection pool and stops the client's thread. Idempotent; any call after it throws
     * {@link IllegalStateException}.
     */
    @Override
    public void close() {
        try {
            transport.close();
        } finally {
            io.descopefilter.core.internal.resilience.SharedCircuitVerdict shared = sharedVerdict;
            if (shared != null) {
                shared.close();
            }
        }
    }

    /**
     * Shares this client's circuit breaker ({@link CallProtection}) with every node using {@code store}: when it
     * opens here (a 429 with {@code Retry-After}, failures in a row), the other nodes refuse calls to Descope until
     * the same time, and this node honours theirs. The store is read at most once a second, never while a call
     * waits; when it fails, each node has its own breaker only. Without a breaker, nothing is shared. Call once,
     * before the client is used.
     */
    public void shareCircuitBreaker(io.descopefilter.core.store.SharedStore store) {
        io.descopefilter.core.internal.resilience.SharedCircuitVerdict shared =
                new io.descopefilter.core.internal.resilience.SharedCircuitVerdict(
                        store.map(io.descopefilter.core.internal.resilience.SharedCircuitVerdict.MAP,
                                CallProtection.MAX_OPEN_WAIT), System::currentTimeMillis);
        this.sharedVerdict = shared;
        transport.shareVerdict(shared);
    }

    /** Connection pool statistics, for tests that prove connection reuse. */
    PoolStats connectionPoolStats() {
        return transport.poolStats();
    }

    // ---- request building ----

    private static String pathOf(DeliveryMethod method) {
        return InputChecks.required(method, "method").pathSegment();
    }

    /**
     * Sign-in takes any login ID (Descope delivers to the user's address on file for the channel); sign-up-or-in
     * may create the user, so there the login ID must itself be the address and the caller checks it as such.
     */
    private LinkSignInBody signInBody(String checkedLoginId, String redirectUri, LoginOptions options) {
        LoginOptions opts = options == null ? LoginOptions.NONE : options;
        return new LinkSignInBody(checkedLoginId, InputChecks.redirectUri(redirectUri), opts.providerId(),
                opts.ssoAppId(), sentOptions(options));
    }

    /** Sign-up repeats the delivery address at top level, in the field named after the channel (contract §2). */
    private LinkSignUpBody signUpBody(DeliveryMethod method, String loginId, String redirectUri, SignUpUser user,
                                      LoginOptions options) {
        rejectSessionOptions(options, "sign-up");
        InputChecks.address(method, loginId, "loginId");
        SignUpUser profile = user == null ? SignUpUser.EMPTY : user;
        String uri = InputChecks.redirectUri(redirectUri);
        LoginOptions sent = sentOptions(options);
        return switch (method) {
            case EMAIL -> {
                SignUpUser withEmail = profile.email() == null ? profile.withEmail(loginId) : profile;
                yield new LinkSignUpBody(loginId, uri, withEmail.email(), null, null, withEmail, providerOf(options), sent);
            }
            case SMS, VOICE, WHATSAPP -> {
                SignUpUser withPhone = profile.phone() == null ? profile.withPhone(loginId) : profile;
                String phone = method == DeliveryMethod.WHATSAPP ? null : withPhone.phone();
                String whatsapp = method == DeliveryMethod.WHATSAPP ? withPhone.phone() : null;
                yield new LinkSignUpBody(loginId, uri, null, phone, whatsapp, withPhone, providerOf(options), sent);
            }
        };
    }

    private UpdateBody updateBody(String loginId, String email, String phone, String redirectUri,
                                  UpdateOptions options) {
        UpdateOptions opts = options == null ? UpdateOptions.NONE : options;
        return new UpdateBody(InputChecks.loginId(loginId), email, phone, InputChecks.redirectUri(redirectUri), false,
                opts.addToLoginIds(), opts.onMergeUseExisting(), opts.templateOptions(), opts.templateId(),
                opts.providerId(), opts.locale());
    }

    /** Options equal to {@link LoginOptions#NONE} are left out of the body altogether. */
    private static LoginOptions sentOptions(LoginOptions options) {
        if (options == null) {
            return null;
        }
        // providerId is sent at the top level only; options that hold nothing else are left out altogether.
        LoginOptions nested = options.providerId() == null ? options : new LoginOptions(options.stepup(),
                options.mfa(), options.customClaims(), options.templateOptions(), options.templateId(),
                options.tenantId(), options.locale(), options.revokeOtherSessions(),
                options.revokeOtherSessionsTypes(), options.pkceChallenge(), options.ssoAppId(), null);
        return nested.equals(LoginOptions.NONE) ? null : nested;
    }

    private static String providerOf(LoginOptions options) {
        return options == null ? null : options.providerId();
    }

    private static void rejectSessionOptions(LoginOptions options, String operation) {
        if (options != null && options.requiresRefreshJwt()) {
            throw new IllegalArgumentException("stepup and mfa apply to sign-in only, not to " + operation);
        }
    }

    private static int nonNegative(int timeoutSeconds) {
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds must not be negative");
        }
        return timeoutSeconds;
    }

    // ---- authorization (contract §1) ----

    private String signInAuthorization(LoginOptions options, String refreshJwt) {
        if (options == null || !options.requiresRefreshJwt()) {
            return bearer();
        }
        if (refreshJwt == null) {
            throw new IllegalArgumentException("stepup and mfa sign-in need the user's refreshJwt");
        }
        return bearer(InputChecks.refreshJwt(refreshJwt));
    }

    private String managementAuthorization() {
        if (!config.hasManagementKey()) {
            throw new IllegalStateException(
                    "management calls need a management key: set DescopeClientConfig.managementKey");
        }
        return bearer(config.managementKey());
    }

    /** {@code Bearer <ProjectID>[:<secret>]}. */
    private String bearer(String... secrets) {
        StringBuilder value = new StringBuilder("Bearer ").append(config.projectId());
        for (String secret : secrets) {
            value.append(':').append(secret);
        }
        return value.toString();
    }

    // ---- exchange and response checks ----

    private static DescopeTransport.Call idempotentGet(String path, String authorization) {
        return new DescopeTransport.Call("GET", path, authorization, null, true);
    }

    /** A POST is never resent once it may have reached Descope. */
    private <T> T post(String path, String authorization, Object body, Class<T> type) {
        DescopeTransport.Call call = new DescopeTransport.Call("POST", path, authorization, JsonCodec.toJson(body),
                false);
        return parse(call, type);
    }

    private <T> T parse(DescopeTransport.Call call, Class<T> type) {
        byte[] body = successBody(call);
        try {
            return JsonCodec.fromJson(body, type);
        } catch (JsonCodec.MalformedJsonException e) {
            throw malformed(call.describe(), e.getMessage());
        }
    }

    private byte[] successBody(DescopeTransport.Call call) {
        DescopeTransport.Response response = transport.execute(call);
        if (!response.isSuccess()) {
            throw ErrorResponses.toException(call.describe(), response);
        }
        return response.body();
    }

    private static JwtResponse requireSession(JwtResponse response, String path) {
        return require(response, r -> r.sessionJwt() != null && !r.sessionJwt().isBlank(), path, "no sessionJwt");
    }

    private static EnchantedLinkResponse requirePendingRef(EnchantedLinkResponse response, String path) {
        return require(response, r -> r.pendingRef() != null && !r.pendingRef().isBlank(), path, "no pendingRef");
    }

    private static String requireToken(TokenBody response, String path) {
        return require(response, r -> r.token() != null && !r.token().isBlank(), path, "no token").token();
    }

    private static <T> T require(T response, Predicate<T> usable, String path, String reason) {
        if (!usable.test(response)) {
            throw malformed("POST " + path, reason + " in the answer");
        }
        return response;
    }

    private static DescopeException malformed(String call, String reason) {
        return DescopeException.failure(DescopeException.Kind.MALFORMED_RESPONSE, call, 200, reason, null);
    }
}
