package io.descopefilter.sample;

import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeEventListener;
import io.descopefilter.micrometer.DescopeMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The sample's metrics: web.xml names this class in the filter's {@code eventListeners} setting, so the filter
 * makes one at start-up and hands it every event; {@link DescopeMetrics} turns them into Micrometer meters. A real
 * application would bind {@code DescopeMetrics} to the registry it already has (Prometheus, OTLP, ...).
 */
public final class SampleMetrics implements DescopeEventListener {

    /** One registry for the web application (this class is loaded by the WAR's own class loader). */
    static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final DescopeMetrics metrics = new DescopeMetrics(REGISTRY);

    @Override
    public void onEvent(DescopeEvent event) {
        metrics.onEvent(event);
    }

    /** The sum of every counter named {@code name}, whatever its tags (0 before the first event). */
    static long total(String name) {
        return Math.round(REGISTRY.find(name).counters().stream().mapToDouble(Counter::count).sum());
    }

    /** The Prometheus text exposition of every meter. */
    static String scrape() {
        return REGISTRY.scrape();
    }
}
