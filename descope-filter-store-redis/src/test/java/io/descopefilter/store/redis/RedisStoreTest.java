package io.descopefilter.store.redis;

import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** What the Redis store does in Redis itself (keys, expiry, prefix, authentication), looked at with redis commands. */
class RedisStoreTest {

    private static final String PASSWORD = "s3cret-Pa55word";

    private static RedisServer server;
    private static RedisClient inspector;
    private static StatefulRedisConnection<String, String> inspection;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void start() throws IOException {
        server = RedisServer.started();
        inspector = RedisClient.create(server.uri());
        inspection = inspector.connect();
        redis = inspection.sync();
    }

    @AfterAll
    static void stop() {
        if (inspection != null) {
            inspection.close();
            inspector.shutdown();
        }
        if (server != null) {
            server.close();
        }
    }

    private static SharedStore open(Map<String, String> settings) {
        return new RedisStoreProvider().open(settings::get);
    }

    private static SharedStore open(String... nameValues) {
        Map<String, String> settings = new HashMap<>();
        settings.put("redisUri", server.uri());
        for (int i = 0; i < nameValues.length; i += 2) {
            settings.put(nameValues[i], nameValues[i + 1]);
        }
        return open(settings);
    }

    @Test
    void mapEntriesAreKeysUnderThePrefixWithTheirLifetimeInRedis() {
        try (SharedStore store = open()) {
            SharedMap map = store.map("pending", Duration.ofSeconds(90));
            map.put("put", "v".getBytes(StandardCharsets.UTF_8));
            map.putIfAbsent("absent", "v".getBytes(StandardCharsets.UTF_8));

            for (String key : List.of("descope:pending:put", "descope:pending:absent")) {
                assertThat(redis.get(key)).isEqualTo("v");
                assertThat(redis.pttl(key)).isBetween(1L, 90_000L);
            }
        }
    }

    @Test
    void limiterBucketsAreKeysThatExpireInRedis() {
        try (SharedStore store = open("redisKeyPrefix", "app1/")) {
            SharedLimiter limiter = store.limiter("send", 3, Duration.ofMinutes(5));
            limiter.tryAcquire("user-hash");

            assertThat(redis.exists("app1/send:user-hash")).isEqualTo(1L);
            assertThat(redis.pttl("app1/send:user-hash")).isBetween(1L, Duration.ofMinutes(5).plusSeconds(1).toMillis());
        }
    }

    @Test
    void theKeyPrefixSeparatesApplicationsOnOneRedis() {
        try (SharedStore one = open("redisKeyPrefix", "one:"); SharedStore two = open("redisKeyPrefix", "two:")) {
            one.map("m", Duration.ofMinutes(1)).put("k", new byte[] {1});

            assertThat(two.map("m", Duration.ofMinutes(1)).get("k")).isEmpty();
            assertThat(redis.exists("one:m:k")).isEqualTo(1L);
        }
    }

    @Test
    void describeShowsHostAndPortOnly() {
        try (SharedStore store = open(Map.of("redisUri", "redis://:" + PASSWORD + "@127.0.0.1:" + server.port() + "/0"))) {
            assertThat(store.describe()).isEqualTo("redis 127.0.0.1:" + server.port());
        } catch (StoreUnavailableException e) {
            // This server has no password; Redis refuses AUTH: the message still must not show it.
            assertThat(e).hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void aPasswordFromTheUriOrTheSettingIsUsedAndNeverShown() throws IOException {
        try (RedisServer secured = RedisServer.started("--requirepass", PASSWORD)) {
            String bare = secured.uri();

            assertThatThrownBy(() -> open(Map.of("redisUri", bare)))
                    .isInstanceOf(StoreUnavailableException.class);
            StoreUnavailableException wrong = org.junit.jupiter.api.Assertions.assertThrows(StoreUnavailableException.class,
                    () -> open(Map.of("redisUri", bare, "redisPassword", PASSWORD + "-wrong")));
            assertThat(wrong.getMessage()).doesNotContain(PASSWORD);

            try (SharedStore viaSetting = open(Map.of("redisUri", bare, "redisPassword", PASSWORD));
                    SharedStore viaUri = open(Map.of("redisUri",
                            "redis://:" + PASSWORD + "@127.0.0.1:" + secured.port() + "/0"))) {
                viaSetting.map("m", Duration.ofMinutes(1)).put("k", new byte[] {7});
                assertThat(viaUri.map("m", Duration.ofMinutes(1)).get("k")).hasValueSatisfying(v -> assertThat(v).containsExactly(7));
                assertThat(viaSetting.describe()).doesNotContain(PASSWORD);
                assertThat(viaUri.describe()).doesNotContain(PASSWORD).isEqualTo("redis 127.0.0.1:" + secured.port());
            }
        }
    }

    @Test
    void openedWhileRedisIsAwayTheStoreFailsPromptlyThenConnectsWhenItAppears() throws Exception {
        int port = RedisServer.freePort();
        try (RedisServer late = RedisServer.on(port)) {
            SharedStore store = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> open(Map.of("redisUri", "redis://127.0.0.1:" + port)));
            try {
                SharedMap map = store.map("m", Duration.ofMinutes(1));
                SharedLimiter limiter = store.limiter("l", 1, Duration.ofMinutes(1));
                assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
                    assertThatThrownBy(store::ping).isInstanceOf(StoreUnavailableException.class)
                            .hasMessageContaining("127.0.0.1:" + port);
                    assertThatThrownBy(() -> map.put("k", new byte[] {1})).isInstanceOf(StoreUnavailableException.class);
                    assertThatThrownBy(() -> limiter.tryAcquire("k")).isInstanceOf(StoreUnavailableException.class);
                });

                late.start();

                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
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
        }
    }

    @Test
    void settingsAreCheckedAndNamedWithoutEchoingSecrets() {
        assertThatThrownBy(() -> open(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redisUri");
        assertThatThrownBy(() -> open(Map.of("redisUri", "http://:" + PASSWORD + "@127.0.0.1:1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redisUri")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> open(Map.of("redisUri", "redis://:" + PASSWORD + "@127.0.0.1:notaport")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redisUri")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> open("redisTimeout", "soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'redisTimeout'")
                .hasMessageContaining("whole number of milliseconds (250 or 250ms) or seconds (2s)");
        assertThatThrownBy(() -> open("redisTimeout", "0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'redisTimeout'").hasMessageContaining("more than zero");
        assertThatThrownBy(() -> open("redisKeyPrefix", "has blank")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'redisKeyPrefix'").hasMessageContaining("printable ASCII without blanks");
    }

    @Test
    void timeoutsAcceptMillisecondsAndSeconds() {
        for (String timeout : List.of("400", "400ms", "1s")) {
            try (SharedStore store = open("redisTimeout", timeout)) {
                store.ping();
            }
        }
    }
}
