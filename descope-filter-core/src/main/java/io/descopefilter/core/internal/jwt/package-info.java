/**
 * Not API: the JWT machinery behind {@link io.descopefilter.core.SessionValidator} (compact JWS parsing, strictly
 * typed claims, the key set cache with refresh-ahead, the verified-token cache). Public only so that the API
 * package can use it; it may change in any release without notice.
 */
package io.descopefilter.core.internal.jwt;
