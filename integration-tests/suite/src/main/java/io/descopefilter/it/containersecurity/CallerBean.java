package io.descopefilter.it.containersecurity;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

/**
 * An EJB in the test WAR: one method for admins only, one for everybody; both name the caller the EJB sees. The
 * everybody method says so with {@code @PermitAll}: WildFly denies a method without a security annotation in a bean
 * that has one ({@code default-missing-method-permissions-deny-access} in its ejb3 subsystem).
 */
@Stateless
public class CallerBean {

    @Resource
    private SessionContext context;

    @RolesAllowed("admin")
    public String adminOnly() {
        return context.getCallerPrincipal().getName();
    }

    @PermitAll
    public String anyone() {
        return context.getCallerPrincipal().getName();
    }
}
