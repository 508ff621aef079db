package io.descopefilter.emulator.links;

import io.descopefilter.emulator.http.JsonBody;

/**
 * A sign-up / sign-in / sign-up-or-in body (magic and enchanted links share it). The redirect may come as
 * {@code URI} (what the SDKs send) or {@code redirectUrl} (the OpenAPI name).
 */
public record LinkRequest(String loginId, String redirectUri, String email, String phone, String name,
                          String givenName, String middleName, String familyName, LoginOptions options) {

    public static LinkRequest from(JsonBody body) {
        JsonBody user = body.object("user");
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
                LoginOptions.from(body.object("loginOptions")));
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
