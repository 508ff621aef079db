package io.descopefilter.core.client.wire;

import io.descopefilter.core.client.LoginOptions;
import io.descopefilter.core.client.SignUpUser;

/** {@code POST /v1/mgmt/user/signup/embeddedlink} (contract §4). */
public record SignUpEmbeddedLinkBody(
        String loginId,
        SignUpUser user,
        boolean emailVerified,
        boolean phoneVerified,
        LoginOptions loginOptions,
        long timeout) {
}
