/**
 * Sending links for DescopeLinks: magic links, enchanted starts, embedded links, email and phone updates, and the send limits.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.send;
