/**
 * The CDI producer for DescopeLinks.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.cdi;
