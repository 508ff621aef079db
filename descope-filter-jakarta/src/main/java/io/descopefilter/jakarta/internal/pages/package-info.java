/**
 * The filter's HTML pages and the one adapter that turns an outcome into status, headers and body.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.pages;
