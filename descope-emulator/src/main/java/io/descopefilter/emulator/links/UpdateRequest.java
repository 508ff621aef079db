package io.descopefilter.emulator.links;

import io.descopefilter.emulator.http.JsonBody;

/** An update-email or update-phone body: the new value travels to the new address and applies on verify. */
public record UpdateRequest(String loginId, String newValue, String redirectUri, boolean addToLoginIds) {

    public static UpdateRequest from(JsonBody body, DeliveryChannel channel) {
        String field = channel.isEmail() ? "email" : "phone";
        return new UpdateRequest(body.requiredString("loginId").trim(), body.requiredString(field).trim(),
                body.firstString("URI", "redirectUrl"), body.bool("addToLoginIDs"));
    }
}
