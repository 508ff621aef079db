/**
 * Magic and embedded link landings: verify the token, check the account, sign in.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.magic;
