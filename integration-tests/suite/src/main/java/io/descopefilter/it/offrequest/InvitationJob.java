package io.descopefilter.it.offrequest;

import io.descopefilter.it.app.Invitation;
import io.descopefilter.jakarta.DescopeLinks;
import jakarta.ejb.AsyncResult;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * A back-office job as an EJB {@code @Asynchronous} method, run by the EJB container's executor after the HTTP
 * request that started it has handed the work over; see {@link Invitation}.
 */
@Stateless
public class InvitationJob {

    @Inject
    private Instance<DescopeLinks> links;

    @Asynchronous
    public Future<Map<String, String>> invite(String loginId, String next) {
        return new AsyncResult<>(Invitation.make(links::get, loginId, next));
    }
}
