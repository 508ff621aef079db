/**
 * Micrometer metrics for descope-filter: {@link io.descopefilter.micrometer.DescopeMetrics}, a
 * {@code DescopeEventListener} that counts and times the filter's events in the application's
 * {@code MeterRegistry}.
 */
package io.descopefilter.micrometer;
