package io.descopefilter.jakarta.internal.session;

import io.descopefilter.core.DescopeSession;

/**
 * A request's validated session with the tokens it came from (refreshed ones when this request refreshed). The
 * tokens travel only inside the {@link DescopeRequest} wrapper, never in a request attribute a page could read.
 */
public record ResolvedSession(DescopeSession session, SessionTokens tokens) {

    @Override
    public String toString() {
        return "ResolvedSession[" + session + "]";
    }
}
