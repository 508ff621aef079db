/**
 * Local validation of Descope session and refresh JWTs, and session refresh. No servlet API.
 *
 * <p>Entry points: {@link io.descopefilter.core.session.SessionValidator} (configured by
 * {@link io.descopefilter.core.session.SessionValidatorConfig}) turns a JWT into a
 * {@link io.descopefilter.core.session.ValidationResult}: a {@link io.descopefilter.core.session.DescopeSession} or a
 * {@link io.descopefilter.core.session.Rejection}. {@link io.descopefilter.core.session.SessionRefresher} renews a
 * session with its refresh JWT. Inside: the key set cache (TTL, refresh-ahead, single-flight fetches with a
 * cooldown, outage tolerance) and the verified-token cache that makes a repeated request skip the RSA work.
 */
package io.descopefilter.core.session;
