package io.descopefilter.jakarta.internal.events;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeEvent.SignInMethod;
import io.descopefilter.core.DescopeSession;
import io.descopefilter.core.JwtResponse;
import io.descopefilter.core.RefreshResult;
import io.descopefilter.core.internal.events.EventDispatcher;
import io.descopefilter.jakarta.LoginProblem;
import io.descopefilter.jakarta.internal.config.EventLoginIds;
import io.descopefilter.jakarta.internal.send.LoginIds;

import java.time.Duration;

/**
 * What the filter's flows report, one method per event, each a no-op unless someone listens: the flows call these
 * without building anything first. Login IDs are masked here ({@link LoginIds#mask}) unless {@code eventLoginIds}
 * is {@code full}.
 */
public final class FilterEvents {

    private final EventDispatcher dispatcher;
    private final EventLoginIds loginIds;

    public FilterEvents(EventDispatcher dispatcher, EventLoginIds loginIds) {
        this.dispatcher = dispatcher;
        this.loginIds = loginIds;
    }

    /** No listener, masked login IDs: for parts built without a filter (tests). */
    public static FilterEvents none() {
        return new FilterEvents(new EventDispatcher(), EventLoginIds.MASKED);
    }

    /** The dispatcher the core parts (client, validator) report to as well. */
    public EventDispatcher dispatcher() {
        return dispatcher;
    }

    private String shown(String loginId) {
        if (loginId == null) {
            return null;
        }
        return loginIds == EventLoginIds.FULL ? loginId : LoginIds.mask(loginId);
    }

    /** {@code granted} is Descope's answer that carried the session: its user names the login ID. */
    public void signedIn(SignInMethod method, DeliveryMethod channel, DescopeSession session, JwtResponse granted) {
        if (dispatcher.isActive()) {
            String loginId = granted != null && granted.user() != null && !granted.user().loginIds().isEmpty()
                    ? granted.user().loginIds().get(0)
                    : session.loginIds().isEmpty() ? session.email() : session.loginIds().get(0);
            dispatcher.onEvent(new DescopeEvent.SignedIn(EventDispatcher.now(), method, channel, session.userId(),
                    shown(loginId)));
        }
    }

    public void signInRefused(SignInMethod method, LoginProblem problem) {
        if (dispatcher.isActive()) {
            dispatcher.onEvent(new DescopeEvent.SignInRefused(EventDispatcher.now(), method, refusalOf(problem)));
        }
    }

    public void linkSent(SignInMethod method, DeliveryMethod channel, String loginId) {
        if (dispatcher.isActive()) {
            dispatcher.onEvent(new DescopeEvent.LinkSendSucceeded(EventDispatcher.now(), method, channel,
                    shown(loginId)));
        }
    }

    /** {@code loginId} {@code null} when it was not a valid address. */
    public void linkRefused(SignInMethod method, DeliveryMethod channel, DescopeEvent.SendRefusal reason,
                            String loginId) {
        if (dispatcher.isActive()) {
            dispatcher.onEvent(new DescopeEvent.LinkSendRefused(EventDispatcher.now(), method, channel, reason,
                    shown(loginId)));
        }
    }

    /** A request's refresh; {@code startNanos} from {@link System#nanoTime()} before it. */
    public void refreshed(RefreshResult result, long startNanos) {
        if (!dispatcher.isActive()) {
            return;
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
        dispatcher.onEvent(result.isSuccess() ? new DescopeEvent.RefreshSucceeded(EventDispatcher.now(), latency)
                : new DescopeEvent.RefreshRefused(EventDispatcher.now(), result.failure().orElseThrow(), latency));
    }

    public void signedOut(boolean everywhere) {
        if (dispatcher.isActive()) {
            dispatcher.onEvent(new DescopeEvent.SignedOut(EventDispatcher.now(),
                    everywhere ? DescopeEvent.SignOutScope.EVERYWHERE : DescopeEvent.SignOutScope.ONE));
        }
    }

    public void sessionRefused(DescopeEvent.SessionRefusal reason) {
        if (dispatcher.isActive()) {
            dispatcher.onEvent(new DescopeEvent.SessionRefused(EventDispatcher.now(), reason));
        }
    }

    /** The event's reason for the problem a person was shown. */
    static DescopeEvent.SignInRefusal refusalOf(LoginProblem problem) {
        switch (problem) {
            case EXPIRED_LINK:
                return DescopeEvent.SignInRefusal.EXPIRED_OR_USED;
            case INVALID_LINK:
                return DescopeEvent.SignInRefusal.INVALID_LINK;
            case CSRF:
                return DescopeEvent.SignInRefusal.CSRF;
            case RATE_LIMITED:
                return DescopeEvent.SignInRefusal.THROTTLED;
            case UNAVAILABLE:
                return DescopeEvent.SignInRefusal.UNAVAILABLE;
            case SESSION_TOO_LARGE:
                return DescopeEvent.SignInRefusal.SESSION_TOO_LARGE;
            default:
                return DescopeEvent.SignInRefusal.OTHER;
        }
    }
}
