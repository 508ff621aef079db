package io.descopefilter.jakarta.landing;

import io.descopefilter.core.client.DescopeException;
import io.descopefilter.jakarta.web.LoginProblem;

import java.lang.System.Logger.Level;

/**
 * Why a landing did not sign anyone in, with the {@code Retry-After} to send (0 for none).
 *
 * @param problem           what the user is told
 * @param retryAfterSeconds seconds before a retry makes sense, or 0
 */
public record LandingFailure(LoginProblem problem, long retryAfterSeconds) {

    private static final System.Logger LOG = System.getLogger(LandingFailure.class.getName());
    /** Retry-After when Descope is unreachable: long enough not to hammer it, short enough for a person. */
    static final long UNAVAILABLE_RETRY_SECONDS = 30;

    public static LandingFailure of(LoginProblem problem) {
        return new LandingFailure(problem, 0);
    }

    /** What a failed Descope call means for the user. */
    public static LandingFailure from(DescopeException e) {
        switch (e.kind()) {
            case TOKEN_EXPIRED_OR_USED:
                return of(LoginProblem.EXPIRED_LINK);
            case RATE_LIMITED:
                return new LandingFailure(LoginProblem.RATE_LIMITED,
                        Math.max(1, e.retryAfterSeconds().orElse(UNAVAILABLE_RETRY_SECONDS)));
            case SERVER_ERROR:
            case TRANSPORT:
            case TIMEOUT:
            case MALFORMED_RESPONSE:
                return new LandingFailure(LoginProblem.UNAVAILABLE, UNAVAILABLE_RETRY_SECONDS);
            case UNAUTHORIZED:
                LOG.log(Level.ERROR, "Descope refused the project's credentials ({0}); check projectId and baseUrl",
                        e.getMessage());
                return new LandingFailure(LoginProblem.UNAVAILABLE, UNAVAILABLE_RETRY_SECONDS);
            default:
                return of(LoginProblem.INVALID_LINK);
        }
    }

    /** Failures that may come from guessing tokens, and so count against the client's verify allowance. */
    public boolean isBadToken() {
        return problem == LoginProblem.INVALID_LINK || problem == LoginProblem.EXPIRED_LINK;
    }
}
