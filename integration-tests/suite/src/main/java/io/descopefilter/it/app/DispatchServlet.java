package io.descopefilter.it.app;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A public servlet that hands the request on inside the container (PM-07): {@code /public/dispatch/forward},
 * {@code /include} and {@code /async} dispatch to the path in {@code ?to=}; {@code /error} answers 418, which
 * {@code web.xml} maps to a protected error page (an ERROR dispatch).
 */
public class DispatchServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String kind = JsonResponses.orEmpty(request.getPathInfo());
        String target = request.getParameter("to");
        switch (kind) {
            case "/forward" -> request.getRequestDispatcher(target).forward(request, response);
            case "/include" -> {
                response.setContentType("text/plain");
                response.getWriter().write("included: ");
                request.getRequestDispatcher(target).include(request, response);
            }
            case "/async" -> {
                AsyncContext async = request.startAsync();
                async.dispatch(target);
            }
            case "/error" -> response.sendError(418);
            default -> response.sendError(404);
        }
    }
}
