package io.descopefilter.jakarta.internal.http;

import io.descopefilter.jakarta.internal.config.Routes;

/**
 * Decides whether a path needs a session. Public wins over protected, so {@code publicPaths=/assets/*} carves
 * an exception out of {@code protectedPaths=/*}; the login page, the error page and the filter's own endpoints
 * are always public. A path matched by neither list is public: the protected list says what to protect.
 */
public final class AccessPolicy {

    private final Routes routes;
    private final PathPatterns publicPaths;
    private final PathPatterns protectedPaths;
    private final PathPatterns stepUpPaths;

    public AccessPolicy(Routes routes, PathPatterns publicPaths, PathPatterns protectedPaths) {
        this(routes, publicPaths, protectedPaths, PathPatterns.forProtected(java.util.List.of()));
    }

    public AccessPolicy(Routes routes, PathPatterns publicPaths, PathPatterns protectedPaths,
                        PathPatterns stepUpPaths) {
        this.routes = routes;
        this.publicPaths = publicPaths;
        this.protectedPaths = protectedPaths;
        this.stepUpPaths = stepUpPaths;
    }

    /** Whether a request for {@code path} needs a recent sign-in or step-up ({@code stepUpPaths}). */
    public boolean requiresStepUp(String path) {
        return !routes.isAlwaysPublic(path) && stepUpPaths.matches(path);
    }

    /** Whether a request for the canonical {@code path} must carry a valid session. */
    public boolean requiresSession(String path) {
        if (routes.isAlwaysPublic(path) || publicPaths.matches(path)) {
            return false;
        }
        return protectedPaths.matches(path);
    }
}
