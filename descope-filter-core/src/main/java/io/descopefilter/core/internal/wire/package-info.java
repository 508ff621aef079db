/**
 * Not API: JSON shapes of Descope request and response bodies, with the contract's field names.
 *
 * <p>These records are public only because JSON-B binds public types; they may change in any release without
 * notice. Records carrying a token never show it in {@code toString()}.
 */
package io.descopefilter.core.internal.wire;
