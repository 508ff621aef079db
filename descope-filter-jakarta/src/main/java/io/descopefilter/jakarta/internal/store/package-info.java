/**
 * Which shared store the filter uses ({@code store} setting).
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.store;
