/**
 * The stores behind {@link io.descopefilter.core.store.SharedStore}: the default {@link
 * io.descopefilter.core.internal.store.MemoryStore} of one node, the {@link
 * io.descopefilter.core.internal.store.GuardedStore} put in front of any other, and {@link
 * io.descopefilter.core.internal.store.Sealed}, which seals secrets before they reach a store.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.core.internal.store;
