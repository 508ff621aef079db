/**
 * Not API: generic typed settings ({@code Setting}, {@code SettingSource}, {@code Settings},
 * {@code InvalidSettingException}) read by the descope-filter-jakarta module. Public only for that module; it may
 * change in any release without notice.
 */
package io.descopefilter.core.internal.config;
