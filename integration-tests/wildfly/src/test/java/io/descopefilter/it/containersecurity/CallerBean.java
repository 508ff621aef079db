package io.descopefilter.it.containersecurity;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

/** An EJB in the test WAR: one method for admins only, one for everybody; both name the caller the EJB sees. */
@Stateless
public class CallerBean {

    @Resource
    private SessionContext context;

    @RolesAllowed("admin")
    public String adminOnly() {
        return context.getCallerPrincipal().getName();
    }

    public String anyone() {
        return context.getCallerPrincipal().getName();
    }
}
