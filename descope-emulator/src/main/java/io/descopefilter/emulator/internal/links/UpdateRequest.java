package io.descopefilter.emulator.internal.links;

import io.descopefilter.emulator.internal.http.JsonBody;
import java.util.Map;

/**
 * An update-email or update-phone body: the new value travels to the new address and applies on verify. The
 * message options ({@code templateId}, {@code templateOptions}, {@code locale}, {@code providerId},
 * {@code onMergeUseExisting}, {@code addToLoginIDs}) are recorded in the outbox.
 */
public record UpdateRequest(String loginId, String newValue, String redirectUri, boolean addToLoginIds,
                            Map<String, Object> messageOptions) {

    public UpdateRequest {
        messageOptions = Map.copyOf(messageOptions);
    }

    public static UpdateRequest from(JsonBody body, DeliveryChannel channel) {
        String field = channel.isEmail() ? "email" : "phone";
        return new UpdateRequest(body.requiredString("loginId").trim(), body.requiredString(field).trim(),
                body.firstString("URI", "redirectUrl"), body.bool("addToLoginIDs"),
                LoginOptions.messageOptions(body, "templateId", "templateOptions", "locale", "providerId",
                        "onMergeUseExisting", "addToLoginIDs"));
    }
}
