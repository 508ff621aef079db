/** Implementation of the Redis store; not API, may change in any release. */
package io.descopefilter.store.redis.internal;
