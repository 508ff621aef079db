/**
 * The filter's events: {@code FilterEvents} (what the flows report, with login IDs masked or not), the listener
 * classes named by {@code eventListeners}, and CDI events where CDI is present.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.events;
