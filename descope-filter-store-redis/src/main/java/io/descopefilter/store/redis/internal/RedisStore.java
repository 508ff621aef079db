package io.descopefilter.store.redis.internal;

import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One Lettuce connection (thread-safe, multiplexed) shared by every map and limiter of the filter. Every command is
 * bounded by {@code redisTimeout}; while the connection is down commands are refused at once rather than queued
 * (so a request fails fast instead of waiting for a reconnect), and Lettuce reconnects in the background, retrying
 * at most every two seconds, so the store works again as soon as Redis is back.
 */
public final class RedisStore implements SharedStore {

    private static final System.Logger LOG = System.getLogger(RedisStore.class.getName());
    /** Upper bound of the pause between reconnect attempts: how long Redis may be back before we notice. */
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);
    /**
     * Connecting (TCP, TLS, the HELLO handshake) may take longer than a command, the first time in a cold JVM
     * especially. It only ever delays {@link #open} and the background reconnects, never a request: while the
     * connection is down commands are refused at once.
     */
    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final RedisSettings settings;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisCommands<String, byte[]> commands;
    private final ProxyManager<String> buckets;

    private RedisStore(RedisSettings settings, ClientResources resources, RedisClient client,
            StatefulRedisConnection<String, byte[]> connection) {
        this.settings = settings;
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.commands = connection.sync();
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                // A bucket's key expires in Redis once the bucket would be full again: idle keys do not pile up.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1)))
                // The whole compare-and-swap loop of one operation, which retries when nodes race for one key;
                // each of its commands is bounded by the command timeout on its own.
                .requestTimeout(settings.timeout().multipliedBy(8))
                .build();
    }

    /** Connects; throws {@link StoreUnavailableException} if Redis does not answer within the connect timeout. */
    public static RedisStore open(RedisSettings settings) {
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        Duration commandTimeout = settings.timeout();
        Duration connectTimeout = commandTimeout.multipliedBy(4).compareTo(MIN_CONNECT_TIMEOUT) > 0
                ? commandTimeout.multipliedBy(4) : MIN_CONNECT_TIMEOUT;
        RedisURI uri = settings.uri();
        uri.setTimeout(connectTimeout);
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
                // Every command (async ones, Bucket4j's, included) times out after the connection's timeout.
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands().connectionTimeout().build())
                .build());
        try {
            StatefulRedisConnection<String, byte[]> connection =
                    client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            connection.setTimeout(commandTimeout);
            RedisStore store = new RedisStore(settings, resources, client, connection);
            LOG.log(System.Logger.Level.INFO, "Shared store: {0}, key prefix {1}", settings.describe(), settings.keyPrefix());
            return store;
        } catch (RuntimeException e) {
            shutdown(client, resources);
            throw new StoreUnavailableException(settings.describe() + " did not answer: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public SharedMap map(String name, Duration timeToLive) {
        checkName(name);
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.toMillis() < 1) {
            throw new IllegalArgumentException("timeToLive must be at least a millisecond");
        }
        return new RedisMap(this, settings.keyPrefix() + name + ":", timeToLive);
    }

    @Override
    public SharedLimiter limiter(String name, long limit, Duration window) {
        checkName(name);
        Objects.requireNonNull(window, "window");
        if (limit < 1 || window.toMillis() < 1) {
            throw new IllegalArgumentException("limit must be at least 1 and window at least a millisecond");
        }
        return new RedisLimiter(this, buckets, settings.keyPrefix() + name + ":", limit, window);
    }

    @Override
    public void ping() {
        call("ping", commands::ping);
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public void close() {
        connection.close();
        shutdown(client, resources);
    }

    RedisCommands<String, byte[]> commands() {
        return commands;
    }

    /**
     * Runs one operation, turning every failure (timeout, refused while disconnected, an error reply such as
     * NOAUTH or OOM) into {@link StoreUnavailableException}: to the filter, Redis either answered or did not.
     */
    <T> T call(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(settings.describe() + " failed " + operation + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException("store names are printable ASCII without blanks");
        }
    }

    private static void shutdown(RedisClient client, ClientResources resources) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
