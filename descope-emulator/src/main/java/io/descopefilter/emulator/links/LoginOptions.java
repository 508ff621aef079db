package io.descopefilter.emulator.links;

import io.descopefilter.emulator.http.JsonBody;
import java.util.Map;

/** The {@code loginOptions} that matter to the emulator; template and locale options are accepted and ignored. */
public record LoginOptions(boolean stepup, boolean mfa, Map<String, Object> customClaims, String tenantId) {

    public LoginOptions {
        customClaims = Map.copyOf(customClaims);
        tenantId = tenantId == null || tenantId.isBlank() ? null : tenantId;
    }

    public static LoginOptions from(JsonBody options) {
        return new LoginOptions(options.bool("stepup"), options.bool("mfa"), options.map("customClaims"),
                options.string("tenantId"));
    }

    /** Step-up and MFA sign-ins extend an existing session, so they need {@code PID:RefreshJWT}. */
    public boolean requiresSession() {
        return stepup || mfa;
    }
}
