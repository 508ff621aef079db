/**
 * The per-node fallback of a shared limit and log lines that summarise floods. The limits themselves live in the
 * shared store ({@code io.descopefilter.core.internal.store.KeyedLimiter} in memory).
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.limits;
