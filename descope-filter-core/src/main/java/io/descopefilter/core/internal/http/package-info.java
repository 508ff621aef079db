/**
 * Not API: the HTTP plumbing of {@link io.descopefilter.core.DescopeClient} (pooled transport, deadlines, retries,
 * error answers, argument checks, JSON, redaction). Public only so that the API package can use it; it may change
 * in any release without notice.
 */
package io.descopefilter.core.internal.http;
