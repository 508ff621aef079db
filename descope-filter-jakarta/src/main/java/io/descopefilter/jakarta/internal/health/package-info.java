/**
 * The readiness endpoint ({@code healthPath}).
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.health;
