package io.descopefilter.core.internal.wire;

import io.descopefilter.core.LoginOptions;
import io.descopefilter.core.SignUpUser;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Magic/enchanted link sign-up (contract §2): the delivery address is repeated at top level as {@code email},
 * {@code phone} (sms, voice) or {@code whatsapp}, as the Go SDK does.
 */
public record LinkSignUpBody(
        String loginId,
        @JsonbProperty("URI") String uri,
        String email,
        String phone,
        String whatsapp,
        SignUpUser user,
        String providerId,
        LoginOptions loginOptions) {
}
