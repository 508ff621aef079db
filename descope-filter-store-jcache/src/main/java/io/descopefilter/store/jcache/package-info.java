/**
 * The JCache store of the filter's shared state: add this module and a JCache implementation, set {@code
 * store=jcache}; {@link io.descopefilter.store.jcache.JCacheStoreProvider} lists the settings. Everything else is in
 * the {@code internal} package and is not API.
 */
package io.descopefilter.store.jcache;
