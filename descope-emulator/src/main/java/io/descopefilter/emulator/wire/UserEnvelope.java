package io.descopefilter.emulator.wire;

/** {@code {"user": ResponseUser}}, the answer of management user create (§13). */
public record UserEnvelope(ResponseUser user) {
}
