package io.descopefilter.jakarta.internal.config;

import java.time.Duration;

/** How many link sends, failed link verifications and refused session refreshes are allowed per window. */
public record SendLimits(int perLoginId, int perClient, int failedVerifiesPerClient, Duration window,
                         int failedRefreshesPerClient) {

    public SendLimits(int perLoginId, int perClient, int failedVerifiesPerClient, Duration window) {
        this(perLoginId, perClient, failedVerifiesPerClient, window, 10);
    }
}
