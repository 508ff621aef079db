/**
 * The filter's settings: every setting's name, default and meaning, and the validated configuration built from them.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.config;
