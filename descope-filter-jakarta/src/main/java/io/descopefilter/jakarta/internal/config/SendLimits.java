package io.descopefilter.jakarta.internal.config;

import java.time.Duration;

/** How many link sends and failed link verifications are allowed per window. */
public record SendLimits(int perLoginId, int perClient, int failedVerifiesPerClient, Duration window) {
}
