package io.descopefilter.store.redis.internal;

import io.descopefilter.core.internal.config.InvalidSettingException;
import io.descopefilter.core.internal.config.Setting;
import io.descopefilter.core.internal.config.SettingSource;
import io.descopefilter.core.internal.config.Settings;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Redis store's own settings, read through the filter's settings chain. The password (in the URI or in
 * {@code redisPassword}) lives only in the {@link RedisURI} handed to Lettuce; nothing here prints it.
 */
public final class RedisSettings {

    static final String DEFAULT_KEY_PREFIX = "descope:";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

    // The URI and the password are text: text is never refused by its parser, so neither is ever quoted.
    public static final Setting<String> URI = Setting.text("redisUri", null,
            "the Redis server, redis://host:port/db or rediss://host:port/db for TLS");
    public static final Setting<String> PASSWORD = Setting.text("redisPassword", null,
            "the Redis password, instead of writing it into redisUri");
    public static final Setting<String> KEY_PREFIX = Setting.word("redisKeyPrefix", DEFAULT_KEY_PREFIX,
            "a prefix of every key, printable ASCII without blanks, e.g. descope:");
    public static final Setting<Duration> TIMEOUT = Setting.milliseconds("redisTimeout", DEFAULT_TIMEOUT,
            "how long one Redis command may take, in milliseconds (250, 250ms) or seconds (2s)");

    private final RedisURI uri;
    private final String keyPrefix;
    private final Duration timeout;

    private RedisSettings(RedisURI uri, String keyPrefix, Duration timeout) {
        this.uri = uri;
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
    }

    /**
     * Reads and checks the settings.
     *
     * @throws InvalidSettingException naming the setting that is missing or malformed (never echoing its value,
     *                                 which may hold a password)
     */
    public static RedisSettings from(Function<String, String> values) {
        Settings settings = new Settings(List.of(SettingSource.named("store setting", values)));
        String text = settings.require(URI);
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(RedisURI.URI_SCHEME_REDIS + "://")
                && !lower.startsWith(RedisURI.URI_SCHEME_REDIS_SECURE + "://")) {
            throw new InvalidSettingException(URI, "must start with redis:// or rediss://");
        }
        RedisURI uri;
        try {
            // java.net.URI is stricter about the authority than Lettuce (which reads "host:typo" as a host name).
            if (java.net.URI.create(text).getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            uri = RedisURI.create(text);
        } catch (RuntimeException e) {
            // The cause's message may quote the URI, password included: not passed on.
            throw new InvalidSettingException(URI, "is not a valid redis:// or rediss:// URI");
        }
        String password = settings.get(PASSWORD);
        if (password != null) {
            RedisCredentials fromUri = uri.getCredentialsProvider().resolveCredentials().block();
            String username = fromUri != null && fromUri.hasUsername() ? fromUri.getUsername() : null;
            if (username == null) {
                uri.setAuthentication(password.toCharArray());
            } else {
                uri.setAuthentication(username, password.toCharArray());
            }
        }
        return new RedisSettings(uri, settings.get(KEY_PREFIX), settings.get(TIMEOUT));
    }

    /** The URI for Lettuce, credentials included. */
    RedisURI uri() {
        return uri;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    Duration timeout() {
        return timeout;
    }

    /** {@code redis 127.0.0.1:6379} (with {@code tls} for rediss://): host and port only, never credentials. */
    public String describe() {
        return "redis " + uri.getHost() + ":" + uri.getPort() + (uri.isSsl() ? " (tls)" : "");
    }
}
