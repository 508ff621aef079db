/**
 * Bulkheads and the circuit breaker that {@code DescopeTransport} puts in front of every Descope call.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.core.internal.resilience;
