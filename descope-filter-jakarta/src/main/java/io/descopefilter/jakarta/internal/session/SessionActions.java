package io.descopefilter.jakarta.internal.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.DescopeException;
import io.descopefilter.core.DescopeUser;
import io.descopefilter.core.JwtResponse;
import jakarta.servlet.http.HttpServletRequest;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What an application may do with the signed-in user's session through {@code DescopeLinks}: sign out everywhere,
 * switch the current tenant, and read the user's details from Descope ({@code me}), cached per session so that a
 * page does not call Descope on every request.
 */
public final class SessionActions {

    private static final System.Logger LOG = System.getLogger(SessionActions.class.getName());
    /** How long {@code me} answers are kept; a refresh JWT usually lives longer, so details can be this stale. */
    static final Duration USER_CACHE_TIME = Duration.ofMinutes(10);

    private final DescopeClient client;
    private final SignIn signIn;
    private final SignOut signOut;
    private final SessionClock sessionClock;
    private final Cache<String, DescopeUser> users;

    public SessionActions(DescopeClient client, SignIn signIn, SignOut signOut, SessionClock sessionClock,
                          Clock clock) {
        this.client = client;
        this.signIn = signIn;
        this.signOut = signOut;
        this.sessionClock = sessionClock;
        this.users = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(USER_CACHE_TIME.toMillis(), TimeUnit.MILLISECONDS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).executor(Runnable::run).build();
    }

    /** Ends this session and every other session of the user at Descope; {@code false} when nobody was signed in. */
    public boolean signOutEverywhere(HttpServletRequest request) {
        Optional<DescopeRequest> wrapper = DescopeRequest.find(request);
        Optional<SessionTokens> tokens = wrapper.flatMap(DescopeRequest::tokens).filter(SessionTokens::hasRefreshJwt);
        if (tokens.isEmpty()) {
            return false;
        }
        tokens.ifPresent(t -> users.invalidate(t.refreshJwt()));
        signOut.signOut((HttpServletRequest) wrapper.get().getRequest(), wrapper.get().response(), tokens, true);
        wrapper.get().forget();
        return true;
    }

    /**
     * Makes {@code tenantId} the current tenant of the signed-in user: Descope issues a new session whose
     * {@code dct} names it, and this request's principal and roles follow at once.
     *
     * @return {@code false} when nobody is signed in, the user is not a member, or Descope cannot be reached
     */
    public boolean selectTenant(HttpServletRequest request, String tenantId) {
        Optional<DescopeRequest> wrapper = DescopeRequest.find(request);
        Optional<ResolvedSession> current = wrapper.flatMap(DescopeRequest::resolved);
        if (current.isEmpty() || !current.get().tokens().hasRefreshJwt()) {
            return false;
        }
        JwtResponse granted;
        try {
            granted = client.selectTenant(current.get().tokens().refreshJwt(), tenantId);
        } catch (DescopeException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "Tenant selection refused: {0}", e.getMessage());
            return false;
        }
        String userId = current.get().session().userId();
        SignIn.Result result = signIn.install((HttpServletRequest) wrapper.get().getRequest(),
                wrapper.get().response(), granted, session -> session.userId().equals(userId));
        if (!(result instanceof SignIn.Result.SignedIn signedIn)) {
            return false;
        }
        SessionTokens tokens = new SessionTokens(granted.sessionJwt(), granted.refreshJwt() == null
                || granted.refreshJwt().isEmpty() ? current.get().tokens().refreshJwt() : granted.refreshJwt(),
                granted.cookieMaxAge());
        sessionClock.carryOver(current.get().tokens(), tokens, Optional.ofNullable(current.get().signedInAt()));
        wrapper.get().replace(new ResolvedSession(signedIn.session(), tokens, current.get().signedInAt()));
        return true;
    }

    /** The signed-in user's details as Descope has them ({@code me}), cached per session; empty when signed out. */
    public Optional<DescopeUser> currentUser(HttpServletRequest request) {
        Optional<String> refreshJwt = DescopeRequest.find(request).flatMap(DescopeRequest::tokens)
                .filter(SessionTokens::hasRefreshJwt).map(SessionTokens::refreshJwt);
        if (refreshJwt.isEmpty()) {
            return Optional.empty();
        }
        DescopeUser cached = users.getIfPresent(refreshJwt.get());
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            DescopeUser user = client.me(refreshJwt.get());
            users.put(refreshJwt.get(), user);
            return Optional.of(user);
        } catch (DescopeException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "Could not read the user from Descope: {0}", e.getMessage());
            return Optional.empty();
        }
    }
}
