/**
 * Enchanted links: start, the pending sign-in of the initiating browser, the landing on the other device and the poll.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.enchanted;
