package io.descopefilter.core.internal.wire;

import io.descopefilter.core.DescopeUser;

/** {@code {"user": ...}}: the user-create response (contract §13). */
public record UserEnvelope(DescopeUser user) {
}
