package io.descopefilter.jakarta.internal.pages;

import io.descopefilter.jakarta.LoginProblem;

/**
 * What one of the filter's endpoints answers, as a value. Logic returns an outcome; {@link OutcomeWriter} alone
 * turns it into status, headers and body (the shape of pac4j's {@code HttpAction} and its adapter).
 */
public sealed interface Outcome {

    /** One of the filter's HTML pages. */
    record Page(int status, String html) implements Outcome {
    }

    /** 303 See Other to an absolute URL the filter built itself. */
    record SeeOther(String url) implements Outcome {
        public SeeOther {
            if (url.indexOf('\r') >= 0 || url.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("redirect target contains a line break");
            }
        }
    }

    /** A small JSON body built from constants and escaped values; {@code retryAfterSeconds} 0 for none. */
    record Json(int status, String body, long retryAfterSeconds) implements Outcome {
        public Json(int status, String body) {
            this(status, body, 0);
        }

        /** A JSON string literal for text that is already visible ASCII (paths, statuses). */
        public static String quote(String value) {
            StringBuilder out = new StringBuilder(value.length() + 2).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e || c == '<' || c == '>' || c == '&') {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
    }

    /**
     * A sign-in step failed: the filter's own page, or a forward to the application's error page.
     *
     * @param maskedLoginId shown and passed on when known, else {@code null}
     * @param next          the safe return path to keep on the "new link" link, or {@code null}
     */
    record Failed(LoginProblem problem, long retryAfterSeconds, String maskedLoginId, String next)
            implements Outcome {
        public Failed(LoginProblem problem) {
            this(problem, 0, null, null);
        }

        public Failed(LoginProblem problem, long retryAfterSeconds) {
            this(problem, retryAfterSeconds, null, null);
        }
    }

    /** 405 with the methods that are allowed. */
    record MethodNotAllowed(String allow) implements Outcome {
    }

    /** A browser without a session: 302 to the login page. */
    record LoginRedirect(String url) implements Outcome {
    }

    /**
     * An API client refused: 401 without a valid session, 403 without a recent enough sign-in; with
     * {@code WWW-Authenticate} (RFC 6750) and a small JSON body saying why and where to sign in.
     */
    record ApiRefusal(int status, String wwwAuthenticate, String json) implements Outcome {
    }
}
