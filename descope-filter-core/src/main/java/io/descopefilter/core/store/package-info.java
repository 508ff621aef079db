/**
 * The shared-state SPI: what the filter keeps beyond one request (limits, refresh coordination, enchanted waits,
 * held sign-ins, the breaker's verdict) when several nodes serve one application. A store module
 * ({@code descope-filter-store-jcache}, {@code descope-filter-store-redis}) implements {@link
 * io.descopefilter.core.store.SharedStoreProvider} and is found through {@link java.util.ServiceLoader} by the name
 * the {@code store} setting gives; without one, everything stays in the node's memory.
 *
 * <p>Values are opaque bytes. The filter seals anything secret before it reaches a store (AES-GCM under a key
 * derived from a value only the rightful browser holds), so a store's contents never let anyone sign in. Every
 * entry expires in the store itself; nothing grows forever.
 */
package io.descopefilter.core.store;
