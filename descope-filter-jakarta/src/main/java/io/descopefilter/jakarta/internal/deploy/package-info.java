/**
 * Internal, not API: the deployment-time check of {@code DescopeAuthFilter}'s settings, registered as a
 * {@code ServletContainerInitializer}. It may change or disappear in any release.
 */
package io.descopefilter.jakarta.internal.deploy;
