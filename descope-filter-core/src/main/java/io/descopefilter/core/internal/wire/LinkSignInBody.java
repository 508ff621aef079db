package io.descopefilter.core.internal.wire;

import io.descopefilter.core.LoginOptions;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Magic/enchanted link sign-in and sign-up-or-in (contract §2, §3). {@code null} fields are omitted. The message
 * provider and the SSO application travel at the top level, where Descope's API defines them.
 */
public record LinkSignInBody(
        String loginId,
        @JsonbProperty("URI") String uri,
        String providerId,
        String ssoAppId,
        LoginOptions loginOptions) {
}
