/**
 * JSON shapes of Descope request and response bodies, with the contract's field names.
 *
 * <p>These records are public only because JSON-B binds public types; they are not part of the client's API. Records
 * carrying a token never show it in {@code toString()}.
 */
package io.descopefilter.core.client.wire;
