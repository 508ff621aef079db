package io.descopefilter.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /dev/metrics}: the sample's metrics as Prometheus text, in dev mode only. Anywhere else it answers 404 as
 * if it did not exist: counts of sign-ins and refusals are operational data, not for the public, and a real
 * deployment scrapes its registry on a port of its own.
 */
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (DevMode.of(getServletContext()).isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(SampleMetrics.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
