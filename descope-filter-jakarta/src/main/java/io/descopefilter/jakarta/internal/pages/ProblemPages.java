package io.descopefilter.jakarta.internal.pages;

import io.descopefilter.jakarta.LoginProblem;

/** What the user reads for each {@link LoginProblem} on the filter's own error page. */
final class ProblemPages {

    private ProblemPages() {
    }

    static String title(LoginProblem problem) {
        return switch (problem) {
            case INVALID_LINK -> "This sign-in link is not valid";
            case EXPIRED_LINK -> "This sign-in link has expired or was already used";
            case RATE_LIMITED -> "Too many attempts";
            case UNAVAILABLE -> "Sign-in is temporarily unavailable";
            case CSRF -> "This request could not be verified";
            case FORBIDDEN -> "You do not have access to this page";
            case BAD_REQUEST -> "This request could not be processed";
            case SESSION_TOO_LARGE -> "Your session could not be stored";
        };
    }

    static String explanation(LoginProblem problem) {
        return switch (problem) {
            case INVALID_LINK -> "It may be incomplete or meant for another site. Request a new link to sign in.";
            case EXPIRED_LINK -> "Sign-in links work only once and only for a few minutes. Request a new link to "
                    + "sign in.";
            case RATE_LIMITED -> "Please wait a moment, then try again.";
            case UNAVAILABLE -> "We could not reach the sign-in service. Please try again in a minute.";
            case CSRF -> "Please go back, reload the page and try again.";
            case FORBIDDEN -> "Your account does not have the role this page needs. Ask an administrator if you "
                    + "think it should.";
            case BAD_REQUEST -> "Please go back and try again.";
            case SESSION_TOO_LARGE -> "Your account carries more data than a browser cookie can hold. Please "
                    + "contact the site's support.";
        };
    }

    /** Whether requesting a fresh link is the way out. */
    static boolean offersNewLink(LoginProblem problem) {
        return problem == LoginProblem.INVALID_LINK || problem == LoginProblem.EXPIRED_LINK;
    }
}
