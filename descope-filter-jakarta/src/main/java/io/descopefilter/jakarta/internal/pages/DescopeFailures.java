package io.descopefilter.jakarta.internal.pages;

import io.descopefilter.core.DescopeException;
import io.descopefilter.jakarta.LoginProblem;

import java.lang.System.Logger.Level;

/**
 * The one mapping from a failed Descope call to what the person is told, used by every flow: landings, the
 * enchanted poll, sends and updates.
 */
public final class DescopeFailures {

    private static final System.Logger LOG = System.getLogger(DescopeFailures.class.getName());
    /** {@code Retry-After} when Descope is unreachable: long enough not to hammer it, short enough for a person. */
    public static final long UNAVAILABLE_RETRY_SECONDS = DescopeException.DEFAULT_RETRY_AFTER_SECONDS;

    private DescopeFailures() {
    }

    /** What the failure means for the person: a bad or used link, a rate limit, or Descope being unavailable. */
    public static LoginProblem problemOf(DescopeException e) {
        if (e.isTokenExpiredOrUsed()) {
            return LoginProblem.EXPIRED_LINK;
        }
        if (e.isRateLimited()) {
            return LoginProblem.RATE_LIMITED;
        }
        if (e.isUnavailable()) {
            if (e.isUnauthorized()) {
                LOG.log(Level.ERROR, "Descope refused the project's credentials ({0}); check projectId and baseUrl",
                        e.getMessage());
            }
            return LoginProblem.UNAVAILABLE;
        }
        return LoginProblem.INVALID_LINK;
    }

    /** The seconds to wait before trying again, or 0 when waiting does not help. */
    public static long retryAfterSeconds(DescopeException e, LoginProblem problem) {
        return switch (problem) {
            case RATE_LIMITED -> Math.max(1, e.retryAfterSecondsOr(UNAVAILABLE_RETRY_SECONDS));
            // A call the client refused itself (breaker open, bulkhead full) knows when trying again makes sense.
            case UNAVAILABLE -> e.notSent() ? e.retryAfterSecondsOr(UNAVAILABLE_RETRY_SECONDS)
                    : UNAVAILABLE_RETRY_SECONDS;
            default -> 0;
        };
    }

    /** The failed outcome of a landing whose Descope call failed. */
    public static Outcome.Failed failed(DescopeException e) {
        LoginProblem problem = problemOf(e);
        return new Outcome.Failed(problem, retryAfterSeconds(e, problem));
    }
}
