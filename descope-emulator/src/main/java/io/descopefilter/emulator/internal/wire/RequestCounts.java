package io.descopefilter.emulator.internal.wire;

import java.util.Map;

/** {@code GET /emulator/requests}: API requests in all and by {@code "<METHOD> <route>"}. */
public record RequestCounts(long total, Map<String, Long> byEndpoint) {
}
