package io.descopefilter.jakarta.internal.session;

import io.descopefilter.core.DescopeSession;

import java.time.Instant;

/**
 * A request's validated session with the tokens it came from (refreshed ones when this request refreshed) and
 * when its user signed in or stepped up ({@code null} when unknown, e.g. a bearer token). The
 * tokens travel only inside the {@link DescopeRequest} wrapper, never in a request attribute a page could read.
 */
public record ResolvedSession(DescopeSession session, SessionTokens tokens, Instant signedInAt) {

    @Override
    public String toString() {
        return "ResolvedSession[" + session + "]";
    }
}
