package io.descopefilter.store.jcache;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.cache.Cache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every application node an embedded Hazelcast member (as on Payara, or with Hazelcast in the WAR), configured by
 * the shipped example {@code docs/hazelcast.xml}: two stores in this JVM, each its own member of one cluster.
 */
class JCacheEmbeddedMembersTest {

    private static final String MEMBER_PROVIDER = "com.hazelcast.cache.HazelcastMemberCachingProvider";

    private final List<SharedStore> opened = new ArrayList<>();
    private Path directory;
    private String cluster;

    @BeforeEach
    void setUp() throws IOException {
        directory = Files.createTempDirectory("descope-jcache-members");
        cluster = HazelcastConfigs.clusterName();
    }

    @AfterEach
    void tearDown() throws IOException {
        for (SharedStore store : opened) {
            store.close();
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(directory);
    }

    private SharedStore member(String instance, int port, List<Integer> ports, Map<String, String> extra) {
        Path config = HazelcastConfigs.member(directory, cluster, instance, port, ports);
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.put("jcacheProvider", MEMBER_PROVIDER);
        settings.put("jcacheUri", config.toString());
        SharedStore store = new JCacheStoreProvider().open(settings::get);
        opened.add(store);
        return store;
    }

    @Test
    void twoMembersShareEntriesAndCountsAndBucketsExpireInTheGrid() {
        int a = HazelcastConfigs.freePort();
        int b = HazelcastConfigs.freePort();
        SharedStore nodeA = member("node-a", a, List.of(a, b), Map.of());
        SharedStore nodeB = member("node-b", b, List.of(a, b), Map.of());

        SharedMap mapA = nodeA.map("pending", Duration.ofMinutes(5));
        SharedMap mapB = nodeB.map("pending", Duration.ofMinutes(5));
        mapA.put("k", new byte[] {1, 2});
        assertThat(mapB.take("k")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));
        assertThat(mapA.get("k")).isEmpty();

        SharedLimiter limitA = nodeA.limiter("send", 3, Duration.ofSeconds(2));
        SharedLimiter limitB = nodeB.limiter("send", 3, Duration.ofSeconds(2));
        assertThat(limitA.tryAcquire("user")).isTrue();
        assertThat(limitB.tryAcquire("user")).isTrue();
        assertThat(limitA.tryAcquire("user")).isTrue();
        assertThat(limitB.tryAcquire("user")).isFalse();

        // The bucket is an entry of the cache "descope-send" (a plain name, the same from every node) that the
        // grid itself removes once the window is over: nothing grows forever.
        HazelcastInstance instance = Hazelcast.getHazelcastInstanceByName("node-a");
        Cache<Object, Object> buckets = instance.getCacheManager().getCache("descope-send");
        assertThat(buckets.containsKey("user")).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (buckets.containsKey("user") && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(buckets.containsKey("user")).isFalse();
        assertThat(limitB.tryAcquire("user")).isTrue();
    }

    @Test
    void whenAMemberDiesTheOthersCallsStayBoundedAndItsEntriesSurvive() {
        int a = HazelcastConfigs.freePort();
        int b = HazelcastConfigs.freePort();
        SharedStore nodeA = member("node-survivor", a, List.of(a, b), Map.of());
        SharedStore nodeB = member("node-dying", b, List.of(a, b), Map.of());
        SharedMap mapA = nodeA.map("held", Duration.ofMinutes(5));
        SharedMap mapB = nodeB.map("held", Duration.ofMinutes(5));
        for (int i = 0; i < 50; i++) {
            mapB.put("k" + i, new byte[] {(byte) i});
        }

        // Killed, not shut down: its partitions are lost until the survivor promotes its backups.
        Hazelcast.getHazelcastInstanceByName("node-dying").getLifecycleService().terminate();

        for (int i = 0; i < 50; i++) {
            String key = "k" + i;
            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
                try {
                    mapA.get(key);
                } catch (StoreUnavailableException e) {
                    // allowed while the cluster recovers; what is not allowed is waiting for minutes
                }
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Integer> survived = new ArrayList<>();
        for (int i = 0; i < 50 && System.nanoTime() < deadline; ) {
            try {
                if (mapA.get("k" + i).isPresent()) {
                    survived.add(i);
                }
                i++;
            } catch (StoreUnavailableException e) {
                pause();
            }
        }
        // One synchronous backup (the default): every entry written before the kill is still there.
        assertThat(survived).hasSize(50);
    }

    @Test
    void closingTheStoreShutsDownTheMemberItStarted() throws java.io.IOException {
        int a = HazelcastConfigs.freePort();
        SharedStore store = member("node-closing", a, List.of(a), Map.of("jcacheCachePrefix", "app1-"));
        store.map("m", Duration.ofMinutes(1)).put("k", new byte[] {1});
        assertThat(Hazelcast.getHazelcastInstanceByName("node-closing").getCacheManager().getCache("app1-m")).isNotNull();
        assertThat(store.describe()).startsWith("jcache " + MEMBER_PROVIDER + " file:").endsWith("node-closing.xml");
        assertThat(reachableFromOtherAddresses(a)).as("the member listens on 127.0.0.1 only").isEmpty();

        store.close();
        opened.remove(store);

        assertThat(Hazelcast.getHazelcastInstanceByName("node-closing")).isNull();
    }

    @Test
    void aCacheDeclaredWithoutExpiryIsRefused() throws IOException {
        int a = HazelcastConfigs.freePort();
        Path config = HazelcastConfigs.member(directory, cluster, "node-declared", a, List.of(a));
        Files.writeString(config, Files.readString(config)
                .replace("</hazelcast>", "<cache name=\"descope-declared\"/></hazelcast>"));
        SharedStore store = new JCacheStoreProvider().open(Map.of("jcacheProvider", MEMBER_PROVIDER,
                "jcacheUri", config.toUri().toString())::get);
        opened.add(store);

        assertThatThrownBy(() -> store.map("declared", Duration.ofMinutes(1)).put("k", new byte[] {1}))
                .isInstanceOf(StoreUnavailableException.class)
                .hasStackTraceContaining("descope-declared exists without an expiry policy");
        store.map("undeclared", Duration.ofMinutes(1)).put("k", new byte[] {1});
    }

    /** The machine's non-loopback addresses on which {@code port} accepts connections. */
    private static List<String> reachableFromOtherAddresses(int port) throws java.io.IOException {
        List<String> reachable = new ArrayList<>();
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                    continue;
                }
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress(address, port), 1000);
                    reachable.add(address.getHostAddress());
                } catch (java.io.IOException refused) {
                    // not listening there: as it should be
                }
            }
        }
        return reachable;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
