package io.descopefilter.sample;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The application's own error page ({@code /problem}): the filter forwards here instead of showing its plain pages
 * (setting {@code errorPage}), with the reason in the request attribute {@code io.descopefilter.error} and the
 * status code already set; web.xml sends the container's 404 and 500 here too. Either way the visitor sees the
 * sample's look and a way on.
 */
public final class ProblemServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String REASON = "io.descopefilter.error";
    private static final String MASKED_LOGIN_ID = "io.descopefilter.loginId";
    private static final String RETRY_AFTER = "io.descopefilter.retryAfter";

    /** What to say for a reason: heading, explanation, and whether a new link helps. */
    private record Explanation(String heading, String text, boolean offerNewLink) {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object reason = request.getAttribute(REASON);
        Object containerStatus = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = reason != null || containerStatus != null ? response.getStatus() : HttpServletResponse.SC_NOT_FOUND;
        Explanation explanation = reason != null ? explain(reason.toString(), request)
                : status == HttpServletResponse.SC_NOT_FOUND
                ? new Explanation("Page not found", "There is no page at this address.", false)
                : new Explanation("Something went wrong", "Please try again in a moment.", false);
        Page page = new Page(request, response);
        String account = request.getAttribute(MASKED_LOGIN_ID) instanceof String masked
                ? "<p class=\"muted\">Account: " + Encode.forHtml(masked) + "</p>" : "";
        String way = explanation.offerNewLink()
                ? "<p><a class=\"button\" href=\"" + Encode.forHtmlAttribute(newLinkUrl(page, request))
                        + "\">Send me a new link</a></p>"
                : "<p><a href=\"" + Encode.forHtmlAttribute(page.url("/")) + "\">Back to the home page</a></p>";
        page.send(status, explanation.heading(), """
                <h1>%s</h1>
                <p class="lead" id="problem">%s</p>
                %s
                %s
                """.formatted(Encode.forHtml(explanation.heading()), Encode.forHtml(explanation.text()), account, way));
    }

    private static Explanation explain(String reason, HttpServletRequest request) {
        return switch (reason) {
            case "invalid_link" -> new Explanation("This sign-in link does not work",
                    "It may have been cut short when it was copied. Ask for a new link.", true);
            case "expired_link" -> new Explanation("This sign-in link has expired",
                    "Links work once, and only for a few minutes. Ask for a new link.", true);
            case "rate_limited" -> new Explanation("Too many attempts",
                    "Please wait " + retryAfter(request) + " and try again.", true);
            case "unavailable" -> new Explanation("Sign-in is unavailable right now",
                    "We could not reach the sign-in service. Please try again in " + retryAfter(request) + ".", true);
            case "csrf" -> new Explanation("This form has expired",
                    "For your safety we only accept forms from current pages of this site. Go back, reload the "
                            + "page and try again.", false);
            default -> new Explanation("We could not sign you in", "Something about this request was not right. "
                    + "Please start again.", true);
        };
    }

    private static String retryAfter(HttpServletRequest request) {
        return request.getAttribute(RETRY_AFTER) instanceof Long seconds && seconds > 0
                ? seconds + (seconds == 1 ? " second" : " seconds") : "a little while";
    }

    /** The login page, keeping where the link was meant to take the user (the login page checks it again). */
    private static String newLinkUrl(Page page, HttpServletRequest request) {
        String next = request.getParameter("next");
        return next == null || next.isBlank() ? page.url("/login")
                : page.url("/login") + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
}
