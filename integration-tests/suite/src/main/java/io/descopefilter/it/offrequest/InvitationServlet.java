package io.descopefilter.it.offrequest;

import io.descopefilter.it.app.Invitation;
import jakarta.ejb.EJB;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /public/invitation/ejb?loginId=..&next=..}: hands the invitation to the {@code @Asynchronous}
 * {@link InvitationJob} and answers what it saw ({@link Invitation#answer}).
 */
@WebServlet("/public/invitation/ejb")
public class InvitationServlet extends HttpServlet {

    @EJB
    private InvitationJob job;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Invitation.answer(response, job.invite(request.getParameter("loginId"), request.getParameter("next")));
    }
}
