/**
 * Not API: generic typed settings ({@code Setting}, {@code SettingSource}, {@code Settings},
 * {@code InvalidSettingException}) read by the descope-filter-jakarta module and the store modules. Public only for
 * those modules; it may change in any release without notice.
 */
package io.descopefilter.core.internal.config;
