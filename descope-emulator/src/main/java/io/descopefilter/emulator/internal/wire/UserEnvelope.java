package io.descopefilter.emulator.internal.wire;

/** {@code {"user": ResponseUser}}, the answer of management user create. */
public record UserEnvelope(ResponseUser user) {
}
