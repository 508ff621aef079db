/**
 * The public API of descope-filter-core: a typed Descope REST client and local validation of Descope session JWTs.
 * No servlet API.
 *
 * <p>Client: {@link io.descopefilter.core.DescopeClient} (configured by
 * {@link io.descopefilter.core.DescopeClientConfig}, failing with {@link io.descopefilter.core.DescopeException})
 * sends and verifies magic, enchanted and embedded links, refreshes and ends sessions and creates users; the records
 * it takes and returns ({@link io.descopefilter.core.JwtResponse}, {@link io.descopefilter.core.DescopeUser},
 * {@link io.descopefilter.core.LoginOptions}, ...) live here too.
 *
 * <p>Sessions: {@link io.descopefilter.core.SessionValidator} (configured by
 * {@link io.descopefilter.core.SessionValidatorConfig}, fed by a {@link io.descopefilter.core.KeySetSource} such as
 * {@code DescopeClient::fetchKeySetJson}) turns a JWT into a {@link io.descopefilter.core.ValidationResult}: a
 * {@link io.descopefilter.core.DescopeSession} or a {@link io.descopefilter.core.Rejection}.
 * {@link io.descopefilter.core.SessionRefresher} renews an expired session with its refresh JWT.
 *
 * <p>Both {@code DescopeClient} and {@code SessionValidator} own background threads (named {@code descope-...});
 * close them when done. A bad configuration value fails with an {@link io.descopefilter.core.InvalidConfigException}
 * naming the field.
 *
 * <p>Everything under {@code io.descopefilter.core.internal} is implementation, not API, and may change in any
 * release.
 */
package io.descopefilter.core;
