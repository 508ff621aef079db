package io.descopefilter.store.jcache;

import com.hazelcast.core.Hazelcast;
import io.descopefilter.core.store.SharedStore;
import org.junit.jupiter.api.Test;

import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code jcacheUri} (Payara's case) the store borrows the provider's default cache manager, which belongs
 * to the server or application, and leaves it open when it closes.
 */
class JCacheDefaultManagerTest {

    private static final String MEMBER_PROVIDER = "com.hazelcast.cache.HazelcastMemberCachingProvider";

    @Test
    void theDefaultManagerIsBorrowedAndLeftOpen() throws IOException {
        Path directory = Files.createTempDirectory("descope-jcache-default");
        int port = HazelcastConfigs.freePort();
        Path config = HazelcastConfigs.member(directory, HazelcastConfigs.clusterName(), "server-owned", port, List.of(port));
        // What the server would configure: its own grid instance, here bound to 127.0.0.1 by the test's file.
        String previous = System.setProperty("hazelcast.config", config.toString());
        CachingProvider serverProvider = Caching.getCachingProvider(MEMBER_PROVIDER, getClass().getClassLoader());
        try {
            try (SharedStore store = new JCacheStoreProvider().open(Map.of("jcacheProvider", MEMBER_PROVIDER)::get)) {
                store.map("m", Duration.ofMinutes(1)).put("k", new byte[] {1});
                assertThat(store.describe()).isEqualTo("jcache " + MEMBER_PROVIDER);
            }

            assertThat(serverProvider.getCacheManager().isClosed()).isFalse();
            assertThat(serverProvider.getCacheManager().getCache("descope-m").get("k")).isEqualTo(new byte[] {1});
        } finally {
            serverProvider.close();
            Hazelcast.shutdownAll();
            if (previous == null) {
                System.clearProperty("hazelcast.config");
            } else {
                System.setProperty("hazelcast.config", previous);
            }
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
    }
}
