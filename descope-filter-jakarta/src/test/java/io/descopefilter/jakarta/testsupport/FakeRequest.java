package io.descopefilter.jakarta.testsupport;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A hand-written stand-in for the few parts of {@link HttpServletRequest} the filter's classes read. Anything
 * else throws, so a test notices when code starts to depend on more. Real-container behaviour is proven by the
 * integration tests.
 */
public final class FakeRequest {

    private final String method;
    private String servletPath;
    private String requestUri;
    private String query;
    private String remoteAddr = "127.0.0.1";
    private DispatcherType dispatcherType = DispatcherType.REQUEST;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, List<String>> parameters = new LinkedHashMap<>();
    private final List<Cookie> cookies = new ArrayList<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private FakeSessions sessions = new FakeSessions();
    private FakeSession session;
    private ServletContext servletContext;
    private Consumer<String> forwards = path -> {
        throw new UnsupportedOperationException("forward to " + path);
    };

    public FakeRequest(String method, String path) {
        this.method = method;
        this.servletPath = path;
        this.requestUri = path;
    }

    /** A GET of an absolute URL such as a link from an email: path and query are taken from it. */
    public static FakeRequest getUrl(String absoluteUrl) {
        java.net.URI uri = java.net.URI.create(absoluteUrl);
        FakeRequest request = new FakeRequest("GET", uri.getRawPath());
        return uri.getRawQuery() == null ? request : request.query(uri.getRawQuery());
    }

    public FakeRequest query(String rawQuery) {
        this.query = rawQuery;
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals),
                    java.nio.charset.StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1),
                    java.nio.charset.StandardCharsets.UTF_8);
            param(name, value);
        }
        return this;
    }

    public FakeRequest param(String name, String value) {
        parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    public FakeRequest header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
        return this;
    }

    public FakeRequest cookie(String name, String value) {
        cookies.add(new Cookie(name, value));
        return this;
    }

    public FakeRequest cookies(List<Cookie> all) {
        all.forEach(c -> cookie(c.getName(), c.getValue()));
        return this;
    }

    public FakeRequest remoteAddr(String address) {
        this.remoteAddr = address;
        return this;
    }

    public FakeRequest requestUri(String rawUri) {
        this.requestUri = rawUri;
        return this;
    }

    public FakeRequest dispatcherType(DispatcherType type) {
        this.dispatcherType = type;
        return this;
    }

    public FakeRequest attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    /** Makes this request belong to the browser whose sessions are {@code browserSessions}. */
    public FakeRequest sessions(FakeSessions browserSessions, String sessionId) {
        this.sessions = browserSessions;
        this.session = sessionId == null ? null : browserSessions.find(sessionId);
        return this;
    }

    public FakeRequest servletContext(ServletContext context) {
        this.servletContext = context;
        return this;
    }

    public FakeRequest onForward(Consumer<String> handler) {
        this.forwards = handler;
        return this;
    }

    public Object attribute(String name) {
        return attributes.get(name);
    }

    /** The session this request ended up with, or {@code null}. */
    public FakeSession session() {
        return session != null && session.isValid() ? session : null;
    }

    public HttpServletRequest proxy() {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getServletPath" -> servletPath;
                    case "getPathInfo" -> null;
                    case "getRequestURI" -> requestUri;
                    case "getQueryString" -> query;
                    case "getRemoteAddr" -> remoteAddr;
                    case "getDispatcherType" -> dispatcherType;
                    case "getContextPath" -> "";
                    case "getHeader" -> first(headers.get(((String) args[0]).toLowerCase(Locale.ROOT)));
                    case "getHeaders" -> Collections.enumeration(
                            headers.getOrDefault(((String) args[0]).toLowerCase(Locale.ROOT), List.of()));
                    case "getParameter" -> first(parameters.get((String) args[0]));
                    case "getParameterValues" -> {
                        List<String> values = parameters.get((String) args[0]);
                        yield values == null ? null : values.toArray(String[]::new);
                    }
                    case "getCookies" -> cookies.isEmpty() ? null : cookies.toArray(Cookie[]::new);
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> {
                        attributes.put((String) args[0], args[1]);
                        yield null;
                    }
                    case "removeAttribute" -> {
                        attributes.remove((String) args[0]);
                        yield null;
                    }
                    case "getSession" -> getSession(args == null || (Boolean) args[0]);
                    case "changeSessionId" -> {
                        if (session() == null) {
                            throw new IllegalStateException("no session");
                        }
                        session = sessions.changeId(session);
                        yield session.getId();
                    }
                    case "getServletContext" -> servletContext;
                    case "getRequestDispatcher" -> (RequestDispatcher) Proxy.newProxyInstance(
                            getClass().getClassLoader(), new Class<?>[] {RequestDispatcher.class},
                            (dp, dm, dargs) -> {
                                if (dm.getName().equals("forward")) {
                                    forwards.accept((String) args[0]);
                                    return null;
                                }
                                throw new UnsupportedOperationException(dm.getName());
                            });
                    case "toString" -> "FakeRequest[" + method + " " + servletPath + "]";
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> throw new UnsupportedOperationException("FakeRequest." + m.getName());
                });
    }

    private Object getSession(boolean create) {
        if (session() == null && create) {
            session = sessions.create();
        }
        return session() == null ? null : session.proxy();
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
