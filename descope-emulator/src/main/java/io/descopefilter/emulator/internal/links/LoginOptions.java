package io.descopefilter.emulator.internal.links;

import io.descopefilter.emulator.internal.http.JsonBody;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code loginOptions} of a link request. {@code stepup}, {@code mfa}, {@code customClaims}, {@code tenantId}
 * and {@code revokeOtherSessions} shape the session; {@code templateId}, {@code templateOptions}, {@code locale}
 * and {@code ssoAppId} only shape the message, so they are recorded in the outbox ({@link #messageOptions}).
 */
public record LoginOptions(boolean stepup, boolean mfa, Map<String, Object> customClaims, String tenantId,
                           boolean revokeOtherSessions, Map<String, Object> messageOptions) {

    public LoginOptions {
        customClaims = Map.copyOf(customClaims);
        tenantId = tenantId == null || tenantId.isBlank() ? null : tenantId;
        messageOptions = Map.copyOf(messageOptions);
    }

    public static LoginOptions from(JsonBody options) {
        return new LoginOptions(options.bool("stepup"), options.bool("mfa"), options.map("customClaims"),
                options.string("tenantId"), options.bool("revokeOtherSessions"),
                messageOptions(options, "templateId", "templateOptions", "locale", "ssoAppId"));
    }

    /** Step-up and MFA sign-ins extend an existing session, so they need {@code PID:RefreshJWT}. */
    public boolean requiresSession() {
        return stepup || mfa;
    }

    /**
     * The named fields that are present with a value (empty strings and objects left out), as plain Java values,
     * in the order named.
     */
    static Map<String, Object> messageOptions(JsonBody body, String... names) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names) {
            if (!body.has(name)) {
                continue;
            }
            Object value = body.plain(name);
            boolean empty = value instanceof String text && text.isEmpty() || value instanceof Map<?, ?> map
                    && map.isEmpty();
            if (!empty) {
                out.put(name, value);
            }
        }
        return out;
    }
}
