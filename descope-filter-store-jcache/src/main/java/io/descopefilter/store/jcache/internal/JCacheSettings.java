package io.descopefilter.store.jcache.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** The JCache store's own settings, read through the filter's settings chain. */
public final class JCacheSettings {

    public static final String PROVIDER = "jcacheProvider";
    public static final String URI_SETTING = "jcacheUri";
    public static final String CACHE_PREFIX = "jcacheCachePrefix";
    public static final String TIMEOUT = "jcacheTimeout";

    static final String DEFAULT_CACHE_PREFIX = "descope-";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

    private final String provider;
    private final URI uri;
    private final String cachePrefix;
    private final Duration timeout;

    private JCacheSettings(String provider, URI uri, String cachePrefix, Duration timeout) {
        this.provider = provider;
        this.uri = uri;
        this.cachePrefix = cachePrefix;
        this.timeout = timeout;
    }

    /**
     * Reads and checks the settings.
     *
     * @throws IllegalArgumentException naming the setting that is malformed
     */
    public static JCacheSettings from(Function<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        String provider = trimmed(settings.apply(PROVIDER));
        if (provider != null && !provider.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw new IllegalArgumentException(PROVIDER + " must be a CachingProvider class name");
        }
        URI uri = uri(trimmed(settings.apply(URI_SETTING)));
        String prefix = settings.apply(CACHE_PREFIX);
        if (prefix == null) {
            prefix = DEFAULT_CACHE_PREFIX;
        } else if (prefix.isEmpty() || !prefix.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException(CACHE_PREFIX + " must be printable ASCII without blanks");
        }
        Duration timeout = milliseconds(TIMEOUT, trimmed(settings.apply(TIMEOUT)), DEFAULT_TIMEOUT);
        return new JCacheSettings(provider, uri, prefix, timeout);
    }

    /** A URI ({@code file:}, {@code classpath:}, ...) as is; a plain path as a {@code file:} URI. */
    private static URI uri(String text) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (uri.getScheme() != null && uri.getScheme().length() > 1) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // not a URI: a path, below
        }
        try {
            return Path.of(text).toAbsolutePath().toUri();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(URI_SETTING + " must be a URI (file:, classpath:) or a file path");
        }
    }

    /** A whole number of milliseconds ({@code 500} or {@code 500ms}) or seconds ({@code 2s}), above zero. */
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
            throw new IllegalArgumentException(name + " must be a whole number of milliseconds (500 or 500ms) or seconds (2s)");
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

    /** The CachingProvider class name, or {@code null} for the only (or default) one. */
    String provider() {
        return provider;
    }

    /** The cache manager's configuration URI, or {@code null} for the provider's default manager. */
    URI uri() {
        return uri;
    }

    String cachePrefix() {
        return cachePrefix;
    }

    Duration timeout() {
        return timeout;
    }
}
