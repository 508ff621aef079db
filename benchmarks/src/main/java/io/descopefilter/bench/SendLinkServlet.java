package io.descopefilter.bench;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.jakarta.DescopeLinks;
import io.descopefilter.jakarta.LinkPurpose;
import io.descopefilter.jakarta.LinkSent;
import io.descopefilter.jakarta.SendOutcome;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The application's login page and form, reduced to their calls: a CSRF token, then sends the landing user a magic link through
 * {@link DescopeLinks}, which binds the link to this browser (the {@code DSLINK} cookie), as a real sign-in does.
 */
public final class SendLinkServlet extends HttpServlet {

    /** The login page: its CSRF token (the filter sets the matching cookie), as the form would carry it. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = DescopeLinks.from(getServletContext()).csrfToken(request, response);
        response.setContentType("text/plain");
        response.getWriter().write(token);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LinkSent sent = DescopeLinks.from(getServletContext()).sendMagicLink(request, DeliveryMethod.EMAIL,
                LinkPurpose.SIGN_IN, EmulatorMain.LANDING_USER, null, null);
        if (sent.outcome() == SendOutcome.ACCEPTED) {
            response.setStatus(204);
        } else {
            response.setStatus(503);
            response.setContentType("text/plain");
            response.getWriter().write(sent.outcome() + ": " + sent.message());
        }
    }
}
