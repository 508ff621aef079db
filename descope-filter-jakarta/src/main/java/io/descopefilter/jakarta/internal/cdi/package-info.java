/**
 * CDI: the producer for {@code @Inject DescopeLinks}, bound by the filter to its web application, and the bridge
 * firing the filter's events as CDI events.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.cdi;
