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
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One Lettuce connection (thread-safe, multiplexed) shared by every map and limiter of the filter. Every command is
 * bounded by {@code redisTimeout}; while the connection is down commands are refused at once rather than queued
 * (so a request fails fast instead of waiting for a reconnect), and Lettuce reconnects in the background, retrying
 * at most every two seconds, so the store works again as soon as Redis is back.
 *
 * <p>If Redis cannot be reached when the store opens, the store opens anyway (as the filter starts while Descope is
 * unreachable), refuses every operation, and keeps connecting in the background. A refused password is a
 * configuration error instead: opening fails.
 */
public final class RedisStore implements SharedStore {

    private static final System.Logger LOG = System.getLogger(RedisStore.class.getName());
    /** Upper bound of the pause between reconnect attempts: how long Redis may be back before we notice. */
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);
    /**
     * Connecting (TCP, TLS, the HELLO handshake) may take longer than a command, the first time in a cold JVM
     * especially. It only ever delays {@link #open} and the background (re)connects, never a request: while the
     * connection is down commands are refused at once.
     */
    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisSettings settings;
    private final ClientResources resources;
    private final RedisClient client;
    private volatile Connected connected;
    private volatile boolean closed;

    private RedisStore(RedisSettings settings, ClientResources resources, RedisClient client) {
        this.settings = settings;
        this.resources = resources;
        this.client = client;
    }

    /** The connection and what is built on it, once the first connect succeeded. */
    private static final class Connected {
        final StatefulRedisConnection<String, byte[]> connection;
        final RedisCommands<String, byte[]> commands;
        final ProxyManager<String> buckets;

        Connected(StatefulRedisConnection<String, byte[]> connection, Duration commandTimeout) {
            this.connection = connection;
            this.commands = connection.sync();
            this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                    // A bucket's key expires in Redis once the bucket would be full again: idle keys do not pile up.
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1)))
                    // The whole compare-and-swap loop of one operation, which retries when nodes race for one key;
                    // each of its commands is bounded by the command timeout on its own.
                    .requestTimeout(commandTimeout.multipliedBy(8))
                    .build();
        }
    }

    /**
     * Connects (or, if Redis is unreachable now, starts connecting in the background).
     *
     * @throws StoreUnavailableException Redis answered but refused the connection (a wrong password, for example)
     */
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
        RedisStore store = new RedisStore(settings, resources, client);
        try {
            store.connect();
            LOG.log(System.Logger.Level.INFO, "Shared store: {0}, key prefix {1}", settings.describe(), settings.keyPrefix());
        } catch (RuntimeException e) {
            if (refusedUs(e)) {
                store.close();
                throw new StoreUnavailableException(settings.describe() + " refused the connection: "
                        + e.getClass().getSimpleName() + " (check redisPassword or the URI's credentials)", e);
            }
            LOG.log(System.Logger.Level.WARNING, "Shared store {0} cannot be reached ({1}); operations fail until it"
                    + " can, connecting in the background", settings.describe(), e.getClass().getSimpleName());
            store.connectLater();
        }
        return store;
    }

    private void connect() {
        connected(client.connect(CODEC, settings.uri()));
    }

    private void connected(StatefulRedisConnection<String, byte[]> connection) {
        connection.setTimeout(settings.timeout());
        if (closed) {
            connection.close();
            return;
        }
        connected = new Connected(connection, settings.timeout());
    }

    /** One more attempt at the first connection in a while: asynchronous, so no thread waits for it. */
    private void connectLater() {
        if (closed) {
            return;
        }
        try {
            resources.eventExecutorGroup().schedule(() -> {
                if (closed) {
                    return;
                }
                client.connectAsync(CODEC, settings.uri()).whenComplete((connection, failure) -> {
                    if (failure == null) {
                        connected(connection);
                        LOG.log(System.Logger.Level.INFO, "Shared store {0} connected", settings.describe());
                    } else {
                        connectLater();
                    }
                });
            }, MAX_RECONNECT_DELAY.toMillis() / 2, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Whether Redis itself answered with an error (NOAUTH, WRONGPASS): not an outage, a configuration error. */
    private static boolean refusedUs(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RedisCommandExecutionException) {
                return true;
            }
        }
        return false;
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
        return new RedisLimiter(this, settings.keyPrefix() + name + ":", limit, window);
    }

    @Override
    public void ping() {
        call("ping", () -> commands().ping());
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public void close() {
        closed = true;
        Connected current = connected;
        if (current != null) {
            current.connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    RedisCommands<String, byte[]> commands() {
        return current().commands;
    }

    ProxyManager<String> buckets() {
        return current().buckets;
    }

    private Connected current() {
        Connected current = connected;
        if (current == null) {
            throw new StoreUnavailableException(settings.describe() + " is not connected yet");
        }
        return current;
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
}
