package io.descopefilter.store.jcache;

import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.SharedStoreProvider;
import io.descopefilter.store.contract.DistributedStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared-store contract against a Hazelcast member in a separate JVM; every opened store is a node with its own
 * Hazelcast client (its own client configuration and instance name), as separate application nodes would be.
 */
class JCacheStoreContractTest extends DistributedStoreContract {

    private static final AtomicInteger NODES = new AtomicInteger();
    private static Path directory;
    private static String cluster;
    private static int port;
    private static HazelcastMemberProcess member;

    @BeforeAll
    static void startMember() throws IOException {
        directory = Files.createTempDirectory("descope-jcache-contract");
        cluster = HazelcastConfigs.clusterName();
        port = HazelcastConfigs.freePort();
        Path config = HazelcastConfigs.member(directory, cluster, "member", port, List.of(port));
        member = new HazelcastMemberProcess(config, directory.resolve("member.log"));
        member.start();
    }

    @AfterAll
    static void stopMember() throws IOException {
        if (member != null) {
            member.close();
        }
        if (directory != null) {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
    }

    @Override
    protected SharedStore openStore() {
        Path client = HazelcastConfigs.client(directory, cluster, "node-" + NODES.incrementAndGet(), port);
        SharedStoreProvider provider = ServiceLoader.load(SharedStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("jcache"))
                .findFirst().orElseThrow();
        // A generous timeout: the contract checks behaviour, not speed, on a machine that may be loaded. An outage
        // is still seen at once: a disconnected client (reconnect-mode ASYNC) refuses operations without waiting.
        return provider.open(Map.of(
                "jcacheProvider", "com.hazelcast.client.cache.HazelcastClientCachingProvider",
                "jcacheUri", client.toUri().toString(),
                "jcacheTimeout", "2s")::get);
    }

    @Override
    protected void stopStore() {
        member.stop();
    }

    @Override
    protected void startStore() {
        member.start();
    }
}
