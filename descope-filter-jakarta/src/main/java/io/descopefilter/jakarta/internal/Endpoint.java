package io.descopefilter.jakarta.internal;

import io.descopefilter.jakarta.internal.pages.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** One of the filter's own endpoints (link landing, enchanted landing, poll, logout): request in, outcome out. */
@FunctionalInterface
public interface Endpoint {
    Outcome handle(HttpServletRequest request, HttpServletResponse response);
}
