/**
 * Internals of the filter: not API. Nothing here is covered by compatibility promises; classes may change or
 * disappear in any release. Applications use {@code io.descopefilter.jakarta} only.
 */
package io.descopefilter.jakarta.internal;
