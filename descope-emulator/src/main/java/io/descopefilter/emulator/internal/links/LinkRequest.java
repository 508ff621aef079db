package io.descopefilter.emulator.internal.links;

import io.descopefilter.emulator.internal.http.JsonBody;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sign-up / sign-in / sign-up-or-in body (magic and enchanted links share it). The redirect may come as
 * {@code URI} (what the SDKs send) or {@code redirectUrl} (the OpenAPI name). Top-level {@code providerId} and
 * {@code ssoAppId} join the login options' message options.
 */
public record LinkRequest(String loginId, String redirectUri, String email, String phone, String name,
                          String givenName, String middleName, String familyName, LoginOptions options,
                          Map<String, Object> messageOptions) {

    public LinkRequest {
        messageOptions = Map.copyOf(messageOptions);
    }

    public static LinkRequest from(JsonBody body) {
        JsonBody user = body.object("user");
        LoginOptions options = LoginOptions.from(body.object("loginOptions"));
        Map<String, Object> messageOptions = new LinkedHashMap<>(options.messageOptions());
        LoginOptions.messageOptions(body, "providerId", "ssoAppId").forEach(messageOptions::putIfAbsent);
        return new LinkRequest(
                body.requiredString("loginId").trim(),
                body.firstString("URI", "redirectUrl"),
                firstNonBlank(body.string("email"), user.string("email")),
                firstNonBlank(body.string("phone"), body.string("whatsapp"), body.string("voice"),
                        user.string("phone")),
                user.string("name"),
                user.string("givenName"),
                user.string("middleName"),
                user.string("familyName"),
                options,
                messageOptions);
    }

    static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
