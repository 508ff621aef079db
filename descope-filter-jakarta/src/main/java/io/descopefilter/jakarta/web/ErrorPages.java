package io.descopefilter.jakarta.web;

import io.descopefilter.jakarta.config.PublicBaseUrl;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells the user that a sign-in step failed: the filter's own page, or a forward to the application's error page
 * (setting {@code errorPage}) with the reason in request attributes. Either way the status code, {@code Retry-After}
 * and the no-store / no-referrer headers are set by the filter.
 */
public final class ErrorPages {

    private final Optional<String> errorPage;
    private final PublicBaseUrl publicBaseUrl;
    private final String loginPage;

    public ErrorPages(Optional<String> errorPage, PublicBaseUrl publicBaseUrl, String loginPage) {
        this.errorPage = errorPage;
        this.publicBaseUrl = publicBaseUrl;
        this.loginPage = loginPage;
    }

    /**
     * Sends the page for {@code problem}.
     *
     * @param maskedLoginId     shown and passed on when known, else {@code null}
     * @param retryAfterSeconds the {@code Retry-After} value, or 0 for none
     * @param next              the safe return path to keep on the "new link" link, or {@code null}
     */
    public void send(HttpServletRequest request, HttpServletResponse response, LoginProblem problem,
                     String maskedLoginId, long retryAfterSeconds, String next) throws IOException, ServletException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (retryAfterSeconds > 0) {
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        boolean headersOnly = "HEAD".equals(request.getMethod());
        if (errorPage.isPresent()) {
            Responses.noStore(response);
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setStatus(problem.status());
            request.setAttribute(RequestAttributes.ERROR, problem.reason());
            if (maskedLoginId != null) {
                request.setAttribute(RequestAttributes.LOGIN_ID, maskedLoginId);
            }
            if (retryAfterSeconds > 0) {
                request.setAttribute(RequestAttributes.RETRY_AFTER, retryAfterSeconds);
            }
            request.getRequestDispatcher(errorPage.get()).forward(request, response);
            return;
        }
        String explanation = maskedLoginId == null ? problem.explanation()
                : problem.explanation() + " (Account: " + maskedLoginId + ")";
        String html = problem.offersNewLink()
                ? Pages.message(problem.title(), explanation, newLinkUrl(next), "Send me a new link")
                : Pages.message(problem.title(), explanation, null, null);
        Pages.write(response, problem.status(), html, headersOnly);
    }

    private String newLinkUrl(String next) {
        String login = publicBaseUrl.resolve(loginPage);
        return next == null ? login : login + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
}
