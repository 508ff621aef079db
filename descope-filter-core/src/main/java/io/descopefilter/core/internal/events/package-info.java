/**
 * Delivery of {@link io.descopefilter.core.DescopeEvent}s to listeners, and the JDK Flight Recorder events.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.core.internal.events;
