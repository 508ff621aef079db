package io.descopefilter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.core.DescopeException.Kind;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one "Descope is unavailable to us" rule and the one fallback Retry-After. */
class DescopeExceptionTest {

    private static DescopeException answer(Kind kind, int status, String code, Long retryAfter) {
        return DescopeException.fromResponse(kind, "POST /v1/x", status, code, null, null, retryAfter);
    }

    @Test
    void unavailableMeansServerTransportTimeoutMalformedOrAnUnauthorizedWithoutErrorCode() {
        Set<Kind> unavailable = EnumSet.of(Kind.SERVER_ERROR, Kind.TRANSPORT, Kind.TIMEOUT, Kind.MALFORMED_RESPONSE);
        for (Kind kind : Kind.values()) {
            boolean expected = unavailable.contains(kind) || kind == Kind.UNAUTHORIZED;
            assertThat(answer(kind, 400, null, null).isUnavailable()).as(kind + " without code").isEqualTo(expected);
            assertThat(answer(kind, 400, "E061004", null).isUnavailable()).as(kind + " with code")
                    .isEqualTo(unavailable.contains(kind));
        }
        assertThat(DescopeException.failure(Kind.TIMEOUT, "GET /v2/keys/x", 0, "slow", null).isUnavailable()).isTrue();
        assertThat(answer(Kind.RATE_LIMITED, 429, "E130429", 7L).isUnavailable())
                .as("a rate limit is its own case").isFalse();
    }

    @Test
    void retryAfterFallsBackToTheGivenDefault() {
        assertThat(answer(Kind.RATE_LIMITED, 429, "E130429", 7L).retryAfterSecondsOr(99)).isEqualTo(7);
        assertThat(answer(Kind.SERVER_ERROR, 503, null, null)
                .retryAfterSecondsOr(DescopeException.DEFAULT_RETRY_AFTER_SECONDS)).isEqualTo(30);
    }
}
