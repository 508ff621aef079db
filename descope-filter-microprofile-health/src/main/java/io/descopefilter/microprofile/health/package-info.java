/**
 * MicroProfile Health for descope-filter: {@link io.descopefilter.microprofile.health.DescopeReadinessCheck}, a
 * {@code @Readiness} check that answers from the filter's readiness. Put this jar in {@code WEB-INF/lib} only on
 * servers with MicroProfile Health.
 */
package io.descopefilter.microprofile.health;
