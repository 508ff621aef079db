package io.descopefilter.it.app;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The public part of the test app ({@code /public/*}). {@code /public/session} opens an HttpSession (a visitor
 * who browsed before signing in); {@code /public/transfers} reports how often the protected action ran. When the
 * filter forwards an error here ({@code errorPage}), {@code error} is the reason it passed along.
 * {@code /public/leaky-error} is an error page as careless as many: it asks for caching and a full referrer
 * ({@code Cache-Control: public}, {@code Referrer-Policy: same-origin}); {@code /public/resetting-error} first
 * resets the response, as some frameworks' error handling does (HW-09).
 */
public class PublicServlet extends HttpServlet {

    /** The error pages answer the POST of a failed confirmation too (a forward keeps the method). */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = JsonResponses.orEmpty(request.getPathInfo());
        if (path.equals("/leaky-error") || path.equals("/resetting-error")) {
            doGet(request, response);
            return;
        }
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = JsonResponses.orEmpty(request.getPathInfo());
        if (path.equals("/leaky-error") || path.equals("/resetting-error")) {
            int status = response.getStatus();
            if (path.equals("/resetting-error")) {
                response.reset();
                response.setStatus(status);
            }
            response.setHeader("Referrer-Policy", "same-origin");
            response.setHeader("Cache-Control", "public, max-age=3600");
            response.addHeader("Cache-Control", "public");
            response.setHeader("Pragma", "cache");
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!doctype html><title>Oops</title><img src=\"https://cdn.example/logo.png\">"
                    + "<p>Something went wrong: " + request.getAttribute("io.descopefilter.error") + "</p>");
            return;
        }
        String sessionId = "";
        if (path.equals("/session")) {
            sessionId = request.getSession(true).getId();
        }
        // As an error page, keep the status the filter chose.
        int status = request.getAttribute("io.descopefilter.error") == null ? 200 : response.getStatus();
        JsonResponses.write(response, status, Json.createObjectBuilder()
                .add("public", true)
                .add("path", request.getServletPath() + path)
                .add("remoteUser", JsonResponses.orEmpty(request.getRemoteUser()))
                .add("principal", request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName())
                .add("httpSession", sessionId)
                .add("transfers", WhoAmIServlet.transfers(request).get())
                .add("error", String.valueOf(request.getAttribute("io.descopefilter.error")))
                .build());
    }
}
