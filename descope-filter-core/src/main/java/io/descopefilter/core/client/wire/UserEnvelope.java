package io.descopefilter.core.client.wire;

import io.descopefilter.core.client.DescopeUser;

/** {@code {"user": ...}}: the user-create response (contract §13). */
public record UserEnvelope(DescopeUser user) {
}
