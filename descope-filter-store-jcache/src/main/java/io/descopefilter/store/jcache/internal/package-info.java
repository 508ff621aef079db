/** Implementation of the JCache store; not API, may change in any release. */
package io.descopefilter.store.jcache.internal;
