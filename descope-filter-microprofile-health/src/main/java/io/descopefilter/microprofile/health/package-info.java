/**
 * MicroProfile Health for descope-filter: {@link io.descopefilter.microprofile.health.DescopeReadinessCheck}, a
 * {@code @Readiness} check that answers from the filter's readiness, and
 * {@link io.descopefilter.microprofile.health.ReadinessCheckInitializer}, which binds it to its web application at
 * start-up. Put this jar in {@code WEB-INF/lib} only on servers with MicroProfile Health.
 */
package io.descopefilter.microprofile.health;
