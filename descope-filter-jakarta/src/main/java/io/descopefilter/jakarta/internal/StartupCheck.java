package io.descopefilter.jakarta.internal;

import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.DescopeException;
import io.descopefilter.jakarta.internal.config.FilterConfiguration;
import jakarta.servlet.ServletException;

import java.lang.System.Logger.Level;

/**
 * One key-set fetch at start-up: when Descope refuses the project outright (wrong project ID or base URL) the filter
 * does not start (RL-12); when Descope is merely unreachable the application starts and protected paths fail closed
 * until it is back (JK-06).
 */
public final class StartupCheck {

    private static final System.Logger LOG = System.getLogger(StartupCheck.class.getName());

    private StartupCheck() {
    }

    public static void run(DescopeClient client, FilterConfiguration configuration) throws ServletException {
        try {
            client.fetchKeySetJson();
        } catch (DescopeException e) {
            if (e.isUnauthorized() || e.isBadRequest()) {
                String message = "Descope refused project " + configuration.client().projectId() + " at "
                        + configuration.client().baseUrl() + " (" + e.getMessage() + "). Fix: check the projectId "
                        + "and baseUrl settings.";
                LOG.log(Level.ERROR, message);
                throw new ServletException(message, e);
            }
            LOG.log(Level.WARNING, "Descope is not reachable at start-up ({0}); sign-ins fail until it is",
                    e.getMessage());
        }
    }
}
