package io.descopefilter.core.internal.wire;

/** {@code {"pendingRef"}}: the enchanted link polling request (contract §3). */
public record PendingRefBody(String pendingRef) {
    @Override
    public String toString() {
        return "PendingRefBody[pendingRef=<redacted>]";
    }
}
