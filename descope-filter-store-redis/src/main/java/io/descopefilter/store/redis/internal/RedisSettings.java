package io.descopefilter.store.redis.internal;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Redis store's own settings, read through the filter's settings chain. The password (in the URI or in
 * {@code redisPassword}) lives only in the {@link RedisURI} handed to Lettuce; nothing here prints it.
 */
public final class RedisSettings {

    public static final String URI = "redisUri";
    public static final String PASSWORD = "redisPassword";
    public static final String KEY_PREFIX = "redisKeyPrefix";
    public static final String TIMEOUT = "redisTimeout";

    static final String DEFAULT_KEY_PREFIX = "descope:";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

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
     * @throws IllegalArgumentException naming the setting that is missing or malformed (never echoing its value,
     *                                  which may hold a password)
     */
    public static RedisSettings from(Function<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        String text = trimmed(settings.apply(URI));
        if (text == null) {
            throw new IllegalArgumentException(URI + " is required with store=redis (redis://host:port/db)");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(RedisURI.URI_SCHEME_REDIS + "://")
                && !lower.startsWith(RedisURI.URI_SCHEME_REDIS_SECURE + "://")) {
            throw new IllegalArgumentException(URI + " must start with redis:// or rediss://");
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
            throw new IllegalArgumentException(URI + " is not a valid redis:// or rediss:// URI");
        }
        String password = trimmed(settings.apply(PASSWORD));
        if (password != null) {
            RedisCredentials fromUri = uri.getCredentialsProvider().resolveCredentials().block();
            String username = fromUri != null && fromUri.hasUsername() ? fromUri.getUsername() : null;
            if (username == null) {
                uri.setAuthentication(password.toCharArray());
            } else {
                uri.setAuthentication(username, password.toCharArray());
            }
        }
        String prefix = settings.apply(KEY_PREFIX);
        if (prefix == null) {
            prefix = DEFAULT_KEY_PREFIX;
        } else if (prefix.isEmpty() || !prefix.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException(KEY_PREFIX + " must be printable ASCII without blanks");
        }
        Duration timeout = milliseconds(TIMEOUT, trimmed(settings.apply(TIMEOUT)), DEFAULT_TIMEOUT);
        return new RedisSettings(uri, prefix, timeout);
    }

    /** A whole number of milliseconds ({@code 250} or {@code 250ms}) or seconds ({@code 2s}), above zero. */
    static Duration milliseconds(String name, String text, Duration defaultValue) {
        if (text == null) {
            return defaultValue;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        long factor = 1;
        if (lower.endsWith("ms")) {
            lower = lower.substring(0, lower.length() - 2).trim();
        } else if (lower.endsWith("s")) {
            lower = lower.substring(0, lower.length() - 1).trim();
            factor = 1000;
        }
        long value;
        try {
            value = Math.multiplyExact(Long.parseLong(lower), factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be a whole number of milliseconds (250 or 250ms) or seconds (2s)");
        }
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be above zero");
        }
        return Duration.ofMillis(value);
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String t = value.trim();
        return t.isEmpty() ? null : t;
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
