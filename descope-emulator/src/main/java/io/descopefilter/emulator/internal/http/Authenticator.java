package io.descopefilter.emulator.internal.http;

import io.descopefilter.emulator.internal.jwt.RefreshToken;
import io.descopefilter.emulator.internal.jwt.RefreshTokenVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks the Bearer credentials of API calls: project ID, management key, or a refresh JWT of this emulator. */
public final class Authenticator {

    private static final String PROJECT_HEADER = "x-descope-project-id";

    private final String projectId;
    private final byte[] managementKey;
    private final RefreshTokenVerifier refreshTokens;

    public Authenticator(String projectId, String managementKey, RefreshTokenVerifier refreshTokens) {
        this.projectId = projectId;
        this.managementKey = managementKey.getBytes(StandardCharsets.UTF_8);
        this.refreshTokens = refreshTokens;
    }

    /** The call names this project (401 otherwise); a trailing auth-management-key part is ignored. */
    public Credentials requireProject(ApiRequest request) {
        Credentials credentials = Credentials.parse(request.header("Authorization"))
                .orElseThrow(() -> new ApiException(ErrorCode.MISSING_ACCESS_KEY, "Missing Bearer authorization"));
        String headerProject = request.header(PROJECT_HEADER);
        if (!projectId.equals(credentials.projectId()) || (headerProject != null && !projectId.equals(headerProject))) {
            throw new ApiException(ErrorCode.INVALID_ACCESS_KEY, "Unknown project");
        }
        return credentials;
    }

    /** {@code Bearer <ProjectID>:<ManagementKey>}, compared in constant time. */
    public void requireManagement(ApiRequest request) {
        Credentials credentials = requireProject(request);
        byte[] presented = credentials.second().orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(managementKey, presented)) {
            throw new ApiException(ErrorCode.INVALID_ACCESS_KEY, "Invalid management key");
        }
    }

    /** {@code Bearer <ProjectID>:<RefreshJWT>} with a valid, unexpired, unrevoked refresh JWT. */
    public RefreshToken requireRefreshToken(ApiRequest request) {
        Credentials credentials = requireProject(request);
        String token = credentials.second()
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_REFRESH_TOKEN, "A refresh token is required"));
        return refreshTokens.verify(token);
    }
}
