/**
 * Sessions: stores, resolution and refresh, the one door that installs a session Descope handed us, sign-out, logout endpoint and the request wrapper.
 *
 * <p>Internal: not API, may change in any release.
 */
package io.descopefilter.jakarta.internal.session;
