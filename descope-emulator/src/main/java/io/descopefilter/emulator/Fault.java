package io.descopefilter.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure injected in front of one API path. Parts combine: latency is applied first, then the connection is
 * dropped, or a forced status/malformed body is answered instead of running the endpoint, or the endpoint runs and
 * its body is cut short.
 *
 * @param latency        delay before anything else happens ({@link Duration#ZERO} for none)
 * @param status         forced HTTP status, or 0 to keep the endpoint's own
 * @param errorCode      error code of the forced status' JSON body; {@code null} picks a default
 * @param body           how the body is damaged
 * @param drop           close the socket without any response
 * @param times          how many requests it applies to before it is gone; 0 = until cleared
 */
public record Fault(Duration latency, int status, String errorCode, BodyDamage body, boolean drop,
                    int times) {

    /** Ways to damage the response body. */
    public enum BodyDamage {
        /** Leave the body alone. */
        NONE,
        /** Answer an HTML page (as a proxy would) instead of JSON; the endpoint does not run. */
        MALFORMED,
        /** Run the endpoint, announce its full Content-Length, send half of the body and close. */
        TRUNCATED
    }

    private static final Duration MAX_LATENCY = Duration.ofMinutes(10);

    public Fault {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(body, "body");
        if (latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0) {
            throw new IllegalArgumentException("latency must be between 0 and 10 minutes");
        }
        if (status != 0 && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be an HTTP status code");
        }
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative");
        }
    }

    public static Fault latency(Duration latency) {
        return new Fault(latency, 0, null, BodyDamage.NONE, false, 0);
    }

    public static Fault status(int httpStatus, String errorCode) {
        return new Fault(Duration.ZERO, httpStatus, errorCode, BodyDamage.NONE, false, 0);
    }

    public static Fault malformedBody() {
        return new Fault(Duration.ZERO, 0, null, BodyDamage.MALFORMED, false, 0);
    }

    public static Fault truncatedBody() {
        return new Fault(Duration.ZERO, 0, null, BodyDamage.TRUNCATED, false, 0);
    }

    public static Fault dropConnection() {
        return new Fault(Duration.ZERO, 0, null, BodyDamage.NONE, true, 0);
    }

    /** This fault for the next {@code n} requests only. */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        return new Fault(latency, status, errorCode, body, drop, n);
    }

    /** This fault with a delay in front of it. */
    public Fault withLatency(Duration delay) {
        return new Fault(delay, status, errorCode, body, drop, times);
    }

    /** Whether the endpoint is skipped and the fault answers instead. */
    public boolean replacesResponse() {
        return status != 0 || body == BodyDamage.MALFORMED;
    }
}
