/**
 * Per-key limits (Bucket4j token buckets in bounded Caffeine tables) and log lines that summarise floods.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.limits;
