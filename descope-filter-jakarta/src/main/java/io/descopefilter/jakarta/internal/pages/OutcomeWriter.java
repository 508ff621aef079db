package io.descopefilter.jakarta.internal.pages;

import io.descopefilter.jakarta.LoginProblem;
import io.descopefilter.jakarta.RequestAttributes;
import io.descopefilter.jakarta.internal.config.PublicBaseUrl;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that writes the filter's answers: turns an {@link Outcome} into status, headers and body. Every
 * answer is {@code no-store} (LH-06); pages and redirects also send no {@code Referer} onwards (LH-05), and a
 * forward to the application's error page cannot take those two headers away.
 */
public final class OutcomeWriter {

    private final Optional<String> errorPage;
    private final String loginUrl;

    public OutcomeWriter(Optional<String> errorPage, PublicBaseUrl publicBaseUrl, String loginPage) {
        this.errorPage = errorPage;
        this.loginUrl = publicBaseUrl.resolve(loginPage);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, Outcome outcome)
            throws IOException, ServletException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        noStore(response);
        boolean headersOnly = "HEAD".equals(request.getMethod());
        if (outcome instanceof Outcome.Page page) {
            html(response, page.status(), page.html(), headersOnly);
        } else if (outcome instanceof Outcome.SeeOther redirect) {
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", redirect.url());
        } else if (outcome instanceof Outcome.Json json) {
            retryAfter(response, json.retryAfterSeconds());
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setStatus(json.status());
            response.setContentType("application/json;charset=UTF-8");
            body(response, json.body(), headersOnly);
        } else if (outcome instanceof Outcome.Failed failed) {
            failed(request, response, failed, headersOnly);
        } else if (outcome instanceof Outcome.MethodNotAllowed refused) {
            response.setHeader("Allow", refused.allow());
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        } else if (outcome instanceof Outcome.LoginRedirect redirect) {
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", redirect.url());
        } else if (outcome instanceof Outcome.ApiRefusal refusal) {
            response.setStatus(refusal.status());
            response.setHeader("WWW-Authenticate", refusal.wwwAuthenticate());
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentType("application/json;charset=UTF-8");
            body(response, refusal.json(), headersOnly);
        } else {
            throw new IllegalStateException("unknown outcome " + outcome.getClass().getName());
        }
    }

    private void failed(HttpServletRequest request, HttpServletResponse response, Outcome.Failed failed,
                        boolean headersOnly) throws IOException, ServletException {
        LoginProblem problem = failed.problem();
        retryAfter(response, failed.retryAfterSeconds());
        if (errorPage.isPresent()) {
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setStatus(problem.status());
            request.setAttribute(RequestAttributes.ERROR, problem.reason());
            if (failed.maskedLoginId() != null) {
                request.setAttribute(RequestAttributes.LOGIN_ID, failed.maskedLoginId());
            }
            if (failed.retryAfterSeconds() > 0) {
                request.setAttribute(RequestAttributes.RETRY_AFTER, failed.retryAfterSeconds());
            }
            request.getRequestDispatcher(errorPage.get()).forward(request, new KeepsPrivacyHeaders(response));
            return;
        }
        String explanation = failed.maskedLoginId() == null ? ProblemPages.explanation(problem)
                : ProblemPages.explanation(problem) + " (Account: " + failed.maskedLoginId() + ")";
        String html = ProblemPages.offersNewLink(problem)
                ? Pages.message(ProblemPages.title(problem), explanation, newLinkUrl(failed.next()),
                        "Send me a new link")
                : Pages.message(ProblemPages.title(problem), explanation, null, null);
        html(response, problem.status(), html, headersOnly);
    }

    private String newLinkUrl(String next) {
        return next == null ? loginUrl : loginUrl + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    private static void html(HttpServletResponse response, int status, String html, boolean headersOnly)
            throws IOException {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", Pages.CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        body(response, html, headersOnly);
    }

    private static void body(HttpServletResponse response, String text, boolean headersOnly) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        if (!headersOnly) {
            response.getOutputStream().write(body);
        }
    }

    private static void retryAfter(HttpServletResponse response, long seconds) {
        if (seconds > 0) {
            response.setHeader("Retry-After", Long.toString(seconds));
        }
    }

    /** Nothing about this response may be stored by the browser or a proxy (LH-06). */
    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }

    /**
     * The response an application error page writes for us: it may add its own headers, but not replace the
     * no-store and no-referrer ones, since the landing URL it answers may still carry a link token.
     */
    private static final class KeepsPrivacyHeaders extends HttpServletResponseWrapper {

        private static final Set<String> KEPT = Set.of("cache-control", "pragma", "referrer-policy");

        KeepsPrivacyHeaders(HttpServletResponse response) {
            super(response);
        }

        /** A page that resets the response (some frameworks' error handling does) still keeps the two headers. */
        @Override
        public void reset() {
            super.reset();
            noStore((HttpServletResponse) getResponse());
            ((HttpServletResponse) getResponse()).setHeader("Referrer-Policy", "no-referrer");
        }

        private static boolean kept(String name) {
            return name != null && KEPT.contains(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public void setHeader(String name, String value) {
            if (!kept(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!kept(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (!kept(name)) {
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (!kept(name)) {
                super.addDateHeader(name, date);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (!kept(name)) {
                super.setIntHeader(name, value);
            }
        }

        @Override
        public void addIntHeader(String name, int value) {
            if (!kept(name)) {
                super.addIntHeader(name, value);
            }
        }
    }
}
