package io.descopefilter.core.internal.wire;

import java.util.Map;

/** {@code POST /v1/mgmt/user/signin/embeddedlink} (contract §4); {@code timeout} 0 means the service default. */
public record EmbeddedLinkBody(String loginId, Map<String, Object> customClaims, long timeout) {
}
