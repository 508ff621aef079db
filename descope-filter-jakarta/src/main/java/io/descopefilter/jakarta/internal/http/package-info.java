/**
 * What keeps a request safe before any flow runs: the raw-path guard, canonical paths and path patterns, access policy and the login challenge, client addresses, CSRF tokens and safe return paths.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.http;
