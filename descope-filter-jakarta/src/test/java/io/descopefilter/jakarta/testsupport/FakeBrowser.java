package io.descopefilter.jakarta.testsupport;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One browser talking to a filter: it keeps the cookies the filter sets (dropping expired ones) and its container
 * session ID, and records what request, if any, reached the application behind the filter.
 */
public final class FakeBrowser {

    /** What one request did. {@code app} is the request the application saw, or {@code null} when none. */
    public record Exchange(FakeRequest request, FakeResponse response, HttpServletRequest app) {
        public int status() {
            return response.status();
        }

        public boolean reachedApp() {
            return app != null;
        }
    }

    private final FakeSessions containerSessions;
    private final ServletContext context;
    private final Map<String, String> cookies;
    private String sessionId;

    public FakeBrowser(FakeSessions containerSessions, ServletContext context) {
        this(containerSessions, context, new LinkedHashMap<>());
    }

    private FakeBrowser(FakeSessions containerSessions, ServletContext context, Map<String, String> cookies) {
        this.containerSessions = containerSessions;
        this.context = context;
        this.cookies = cookies;
    }

    /** This browser (the same cookies) talking to another node of the application, whose context is {@code other}. */
    public FakeBrowser at(ServletContext other) {
        return new FakeBrowser(containerSessions, other, cookies);
    }

    /** What the application does with a request that reached it (after the filter). */
    @FunctionalInterface
    public interface App {
        void handle(HttpServletRequest request, HttpServletResponse response) throws Exception;
    }

    public Exchange send(Filter filter, FakeRequest request) throws Exception {
        return send(filter, request, (req, res) -> { });
    }

    /** Sends a request; {@code app} runs as the application behind the filter, and its cookies count too. */
    public Exchange send(Filter filter, FakeRequest request, App app) throws Exception {
        cookies.forEach(request::cookie);
        request.sessions(containerSessions, sessionId).servletContext(context);
        FakeResponse response = new FakeResponse();
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        filter.doFilter(request.proxy(), response.proxy(), (req, res) -> {
            seen.set((HttpServletRequest) req);
            try {
                app.handle((HttpServletRequest) req, (HttpServletResponse) res);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (Cookie cookie : response.cookies()) {
            if (cookie.getMaxAge() == 0) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
        FakeSession session = request.session();
        sessionId = session == null ? null : session.getId();
        return new Exchange(request, response, seen.get());
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    /** The browser's container session ID, or {@code null}. */
    public String sessionId() {
        return sessionId;
    }

    public void setSessionId(String id) {
        this.sessionId = id;
    }

    /** The browser's live container session, or {@code null}. */
    public FakeSession session() {
        return sessionId == null ? null : containerSessions.find(sessionId);
    }
}
