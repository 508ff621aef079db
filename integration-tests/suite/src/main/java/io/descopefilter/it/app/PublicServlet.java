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
 */
public class PublicServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = JsonResponses.orEmpty(request.getPathInfo());
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
