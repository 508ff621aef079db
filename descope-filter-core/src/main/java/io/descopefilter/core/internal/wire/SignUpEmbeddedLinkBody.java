package io.descopefilter.core.internal.wire;

import io.descopefilter.core.LoginOptions;
import io.descopefilter.core.SignUpUser;

/** {@code POST /v1/mgmt/user/signup/embeddedlink} (contract §4). */
public record SignUpEmbeddedLinkBody(
        String loginId,
        SignUpUser user,
        boolean emailVerified,
        boolean phoneVerified,
        LoginOptions loginOptions,
        long timeout) {
}
