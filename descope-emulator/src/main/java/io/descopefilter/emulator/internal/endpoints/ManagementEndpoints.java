package io.descopefilter.emulator.internal.endpoints;

import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.internal.http.Access;
import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ApiRequest;
import io.descopefilter.emulator.internal.http.ApiResponse;
import io.descopefilter.emulator.internal.http.ErrorCode;
import io.descopefilter.emulator.internal.http.JsonBody;
import io.descopefilter.emulator.internal.http.Route;
import io.descopefilter.emulator.internal.links.Addresses;
import io.descopefilter.emulator.internal.links.LinkSender;
import io.descopefilter.emulator.internal.links.LoginOptions;
import io.descopefilter.emulator.internal.session.SessionGrant;
import io.descopefilter.emulator.internal.store.StoredUser;
import io.descopefilter.emulator.internal.store.UserStore;
import io.descopefilter.emulator.internal.wire.EmbeddedLinkBody;
import io.descopefilter.emulator.internal.wire.ResponseUser;
import io.descopefilter.emulator.internal.wire.UserEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Management calls: user create and embedded links, authorized by the management key. */
final class ManagementEndpoints {

    /** Descope's default embedded-link lifetime (per its Go SDK) when {@code timeout} is 0 or absent. */
    private static final long DEFAULT_EMBEDDED_TIMEOUT_SECONDS = 60;
    private static final long MAX_EMBEDDED_TIMEOUT_SECONDS = Duration.ofDays(1).toSeconds();
    /** Embedded links are handed over directly, not delivered; the session records a link login by email. */
    private static final List<String> EMBEDDED_AMR = List.of("email");

    /** The SDKs' start-up license handshake; they echo the tier in {@code x-descope-license}, never checked here. */
    private static final String LICENSE = "{\"licenseType\":\"pro\",\"rateLimitTier\":\"pro\"}";

    private final UserStore users;
    private final LinkSender sender;

    ManagementEndpoints(UserStore users, LinkSender sender) {
        this.users = users;
        this.sender = sender;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/v1/mgmt/user/create", Access.MANAGEMENT, this::createUser),
                new Route("POST", "/v1/mgmt/user/signin/embeddedlink", Access.MANAGEMENT, this::signInLink),
                new Route("POST", "/v1/mgmt/user/signup/embeddedlink", Access.MANAGEMENT, this::signUpLink),
                new Route("GET", "/v1/mgmt/license", Access.MANAGEMENT, request -> ApiResponse.rawJson(LICENSE)));
    }

    private ApiResponse createUser(ApiRequest request) {
        JsonBody body = request.body();
        String email = optionalAddress(body.string("email"), true);
        String phone = optionalAddress(body.string("phone"), false);
        List<EmulatorUser.Tenant> tenants = body.objects("userTenants").stream()
                .map(t -> new EmulatorUser.Tenant(t.requiredString("tenantId"),
                        t.string("tenantName") == null ? t.string("tenantId") : t.string("tenantName"),
                        t.strings("roleNames"), t.strings("permissions")))
                .toList();
        String name = body.string("displayName") != null ? body.string("displayName") : body.string("name");
        StoredUser user = users.create(StoredUser.newUser(body.requiredString("loginId").trim(), email,
                body.bool("verifiedEmail"), phone, body.bool("verifiedPhone"), name, body.string("givenName"),
                body.string("middleName"), body.string("familyName"), body.strings("roleNames"),
                body.strings("permissions"), tenants, body.map("customAttributes")));
        return ApiResponse.json(new UserEnvelope(ResponseUser.of(user)));
    }

    private ApiResponse signInLink(ApiRequest request) {
        JsonBody body = request.body();
        StoredUser user = users.byLoginId(body.requiredString("loginId").trim())
                .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND, "Cannot find user"));
        Duration timeout = timeout(body);
        SessionGrant grant = new SessionGrant(user.userId(), EMBEDDED_AMR, body.map("customClaims"), null);
        return ApiResponse.json(new EmbeddedLinkBody(sender.embeddedToken(grant, timeout)));
    }

    private ApiResponse signUpLink(ApiRequest request) {
        JsonBody body = request.body();
        JsonBody user = body.object("user");
        LoginOptions options = LoginOptions.from(body.object("loginOptions"));
        Duration timeout = timeout(body);
        List<EmulatorUser.Tenant> tenants = options.tenantId() == null ? List.of()
                : List.of(new EmulatorUser.Tenant(options.tenantId(), options.tenantId(), List.of(), List.of()));
        StoredUser created = users.create(StoredUser.newUser(body.requiredString("loginId").trim(),
                optionalAddress(user.string("email"), true), body.bool("emailVerified"),
                optionalAddress(user.string("phone"), false), body.bool("phoneVerified"), user.string("name"),
                user.string("givenName"), user.string("middleName"), user.string("familyName"), List.of(), List.of(),
                tenants, Map.of()));
        SessionGrant grant = new SessionGrant(created.userId(), EMBEDDED_AMR, options.customClaims(),
                options.tenantId());
        return ApiResponse.json(new EmbeddedLinkBody(sender.embeddedToken(grant, timeout)));
    }

    private static Duration timeout(JsonBody body) {
        long seconds = body.integer("timeout", 0);
        if (seconds < 0 || seconds > MAX_EMBEDDED_TIMEOUT_SECONDS) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, "The timeout must be between 0 and 86400 seconds");
        }
        return Duration.ofSeconds(seconds == 0 ? DEFAULT_EMBEDDED_TIMEOUT_SECONDS : seconds);
    }

    private static String optionalAddress(String value, boolean email) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (email ? !Addresses.isEmail(value.trim()) : !Addresses.isPhone(value.trim())) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT,
                    email ? "The email is not valid" : "The phone is not valid");
        }
        return value.trim();
    }
}
