/**
 * The Redis store of the filter's shared state: add this module and set {@code store=redis}; {@link
 * io.descopefilter.store.redis.RedisStoreProvider} lists the settings. Everything else is in the {@code internal}
 * package and is not API.
 */
package io.descopefilter.store.redis;
