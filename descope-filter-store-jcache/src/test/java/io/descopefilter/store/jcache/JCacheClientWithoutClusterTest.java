package io.descopefilter.store.jcache;

import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A client configured like {@code docs/hazelcast-client.xml} (asynchronous start) opens while its cluster is away,
 * fails operations promptly, and works once a member (in a separate JVM) appears.
 */
class JCacheClientWithoutClusterTest {

    @Test
    void theStoreOpensWithoutTheClusterAndWorksOnceItIsThere() throws IOException {
        Path directory = Files.createTempDirectory("descope-jcache-async");
        String cluster = HazelcastConfigs.clusterName();
        int port = HazelcastConfigs.freePort();
        Path memberConfig = HazelcastConfigs.member(directory, cluster, "late-member", port, List.of(port));
        Path clientConfig = HazelcastConfigs.client(directory, cluster, "early-client", port, true);
        try (HazelcastMemberProcess member = new HazelcastMemberProcess(memberConfig, directory.resolve("member.log"))) {
            SharedStore store = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new JCacheStoreProvider().open(Map.of(
                    "jcacheProvider", "com.hazelcast.client.cache.HazelcastClientCachingProvider",
                    "jcacheUri", clientConfig.toUri().toString())::get));
            try {
                SharedMap map = store.map("pending", Duration.ofMinutes(1));
                SharedLimiter limiter = store.limiter("send", 2, Duration.ofMinutes(1));
                assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
                    assertThatThrownBy(() -> map.put("k", new byte[] {1})).isInstanceOf(StoreUnavailableException.class);
                    assertThatThrownBy(() -> limiter.tryAcquire("k")).isInstanceOf(StoreUnavailableException.class);
                    assertThatThrownBy(store::ping).isInstanceOf(StoreUnavailableException.class);
                });

                member.start();

                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                boolean answered = false;
                while (!answered && System.nanoTime() < deadline) {
                    try {
                        store.ping();
                        answered = true;
                    } catch (StoreUnavailableException e) {
                        Thread.sleep(100);
                    }
                }
                assertThat(answered).isTrue();
                map.put("k", new byte[] {1});
                assertThat(map.get("k")).isPresent();
                assertThat(limiter.tryAcquire("k")).isTrue();
            } finally {
                store.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
    }
}
