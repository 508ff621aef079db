package io.descopefilter.store.redis;

import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.SharedStoreProvider;
import io.descopefilter.store.contract.DistributedStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;

/** The shared-store contract against a real redis-server; each opened store is a node with its own connection. */
class RedisStoreContractTest extends DistributedStoreContract {

    private static RedisServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisServer.started();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected SharedStore openStore() {
        // Found the way the filter finds it: by the store setting's value, through ServiceLoader.
        SharedStoreProvider provider = ServiceLoader.load(SharedStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("redis"))
                .findFirst().orElseThrow();
        // A generous command timeout: the contract checks behaviour, not speed, on a machine that may be loaded.
        // An outage is still seen at once: a disconnected connection refuses commands without waiting.
        return provider.open(Map.of("redisUri", server.uri(), "redisTimeout", "2s")::get);
    }

    @Override
    protected void stopStore() {
        server.stop();
    }

    @Override
    protected void startStore() {
        server.start();
    }
}
