package io.descopefilter.it.app;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.UpdateOptions;
import io.descopefilter.jakarta.DescopeLinks;
import io.descopefilter.jakarta.LinkSent;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The signed-in user's account page ({@code /app/account}, protected): {@code POST} with {@code action=email}
 * and {@code newEmail}, or {@code action=phone} and {@code newPhone}, sends a link that confirms the change.
 * CSRF-checked with the bean's token, like every form of the app. With {@code addToLoginIds=true|false} it uses
 * the overload with {@link UpdateOptions} (else the one that adds the address to the login IDs);
 * {@code POST /app/account/unchecked} skips the page's own CSRF check, like an app that forgot it (HW-08).
 */
public class AccountServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DescopeLinks links = DescopeLinks.from(getServletContext());
        boolean checksCsrf = !"/unchecked".equals(request.getPathInfo());
        if (checksCsrf && !links.isValidCsrf(request)) {
            JsonResponses.write(response, 403, Json.createObjectBuilder().add("outcome", "CSRF").build());
            return;
        }
        String next = request.getParameter("next");
        String addToLoginIds = request.getParameter("addToLoginIds");
        LinkSent sent;
        if (addToLoginIds == null) {
            sent = "phone".equals(request.getParameter("action"))
                    ? links.updatePhone(request, DeliveryMethod.SMS, request.getParameter("newPhone"), next)
                    : links.updateEmail(request, request.getParameter("newEmail"), next);
        } else {
            UpdateOptions options = UpdateOptions.builder().addToLoginIds(Boolean.parseBoolean(addToLoginIds))
                    .build();
            sent = "phone".equals(request.getParameter("action"))
                    ? links.updatePhone(request, DeliveryMethod.SMS, request.getParameter("newPhone"), next, options)
                    : links.updateEmail(request, request.getParameter("newEmail"), next, options);
        }
        LoginPageServlet.answer(response, sent, Json.createObjectBuilder());
    }
}
