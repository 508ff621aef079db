/**
 * The landing protocol shared by every kind of link: HEAD never consumes, GET confirms, POST is CSRF-checked and consumes, guesses are throttled.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.landing;
