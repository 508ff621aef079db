package io.descopefilter.core.internal.wire;

import io.descopefilter.core.LoginOptions;
import jakarta.json.bind.annotation.JsonbProperty;

/** Magic/enchanted link sign-in and sign-up-or-in (contract §2, §3). {@code null} fields are omitted. */
public record LinkSignInBody(
        String loginId,
        @JsonbProperty("URI") String uri,
        LoginOptions loginOptions) {
}
