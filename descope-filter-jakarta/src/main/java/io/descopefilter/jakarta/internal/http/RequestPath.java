package io.descopefilter.jakarta.internal.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The canonical path a request is served from, relative to the context root: {@code servletPath + pathInfo} as
 * decoded and normalised by the container, never the raw {@code getRequestURI()} (PM-08). For an INCLUDE dispatch
 * it is the included resource's path, so that a public page cannot include a protected one unchecked (PM-07).
 */
public final class RequestPath {

    private RequestPath() {
    }

    public static String of(HttpServletRequest request) {
        String servletPath;
        String pathInfo;
        if (request.getDispatcherType() == DispatcherType.INCLUDE) {
            servletPath = (String) request.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH);
            pathInfo = (String) request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO);
        } else {
            servletPath = request.getServletPath();
            pathInfo = request.getPathInfo();
        }
        String path = servletPath == null ? "" : servletPath;
        if (pathInfo != null) {
            path = path + pathInfo;
        }
        return path.isEmpty() ? "/" : path;
    }
}
