package io.descopefilter.it.app;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.LoginOptions;
import io.descopefilter.jakarta.DescopeLinks;
import io.descopefilter.jakarta.LinkPurpose;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A login endpoint that gets {@link DescopeLinks} injected by CDI (Weld in the embedded containers):
 * {@code GET /cdi/status} says whether injection happened; {@code POST /cdi/send} sends a magic link through the
 * injected bean; {@code GET /cdi/invitation?loginId=..&next=..} makes an embedded link on a thread the application
 * owns, where CDI produces {@code DescopeLinks} outside any request ({@link Invitation}).
 */
public class CdiLoginServlet extends HttpServlet {

    @Inject
    private DescopeLinks links;

    @Inject
    private EventObserver observer;

    @Inject
    private Instance<DescopeLinks> lookup;

    /** The application's own job thread: a plain executor, outside every container's request handling. */
    private ExecutorService jobs;

    @Override
    public void init() {
        jobs = Executors.newSingleThreadExecutor(task -> new Thread(task, "descope-it-invitations"));
    }

    @Override
    public void destroy() {
        jobs.shutdownNow();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if ("/invitation".equals(request.getPathInfo())) {
            String loginId = request.getParameter("loginId");
            String next = request.getParameter("next");
            Invitation.answer(response, jobs.submit(() -> Invitation.make(lookup::get, loginId, next)));
            return;
        }
        JsonResponses.write(response, 200, Json.createObjectBuilder()
                .add("injected", links != null)
                .add("csrf", links == null ? "" : links.csrfToken(request, response))
                .add("events", Json.createArrayBuilder(observer == null ? java.util.List.of() : observer.seen()))
                .build());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (links == null) {
            JsonResponses.write(response, 500, Json.createObjectBuilder().add("outcome", "NOT_INJECTED").build());
            return;
        }
        if (!links.isValidCsrf(request)) {
            JsonResponses.write(response, 403, Json.createObjectBuilder().add("outcome", "CSRF").build());
            return;
        }
        LoginPageServlet.answer(response, links.sendMagicLink(request, DeliveryMethod.EMAIL, LinkPurpose.SIGN_IN,
                request.getParameter("loginId"), request.getParameter("next"), LoginOptions.NONE),
                Json.createObjectBuilder());
    }
}
