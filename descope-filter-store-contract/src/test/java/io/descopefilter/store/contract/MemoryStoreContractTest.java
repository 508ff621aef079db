package io.descopefilter.store.contract;

import io.descopefilter.core.internal.store.MemoryStore;
import io.descopefilter.core.store.SharedStore;

import java.time.Clock;

/** The default store keeps the same contract as the shared ones: one node, entries in its own memory. */
class MemoryStoreContractTest extends SharedStoreContract {

    @Override
    protected SharedStore openStore() {
        return new MemoryStore(Clock.systemUTC());
    }
}
