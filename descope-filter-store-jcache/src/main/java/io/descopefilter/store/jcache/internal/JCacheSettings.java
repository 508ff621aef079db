package io.descopefilter.store.jcache.internal;

import io.descopefilter.core.internal.config.InvalidSettingException;
import io.descopefilter.core.internal.config.Setting;
import io.descopefilter.core.internal.config.SettingSource;
import io.descopefilter.core.internal.config.Settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** The JCache store's own settings, read through the filter's settings chain. */
public final class JCacheSettings {

    static final String DEFAULT_CACHE_PREFIX = "descope-";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

    public static final Setting<String> PROVIDER = Setting.text("jcacheProvider", null,
            "the CachingProvider class name, e.g. com.hazelcast.cache.HazelcastMemberCachingProvider");
    public static final Setting<String> URI_SETTING = Setting.text("jcacheUri", null,
            "the cache manager's configuration, a URI (file:, classpath:) or a file path");
    public static final Setting<String> CACHE_PREFIX = Setting.word("jcacheCachePrefix", DEFAULT_CACHE_PREFIX,
            "a prefix of the store's cache names, printable ASCII without blanks, e.g. descope-");
    public static final Setting<Duration> TIMEOUT = Setting.milliseconds("jcacheTimeout", DEFAULT_TIMEOUT,
            "how long one operation may take, in milliseconds (500, 500ms) or seconds (2s)");

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
     * @throws InvalidSettingException naming the setting that is malformed
     */
    public static JCacheSettings from(Function<String, String> values) {
        Settings settings = new Settings(List.of(SettingSource.named("store setting", values)));
        String provider = settings.get(PROVIDER);
        if (provider != null && !provider.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw new InvalidSettingException(PROVIDER, "must be a CachingProvider class name");
        }
        return new JCacheSettings(provider, uri(settings.get(URI_SETTING)), settings.get(CACHE_PREFIX),
                settings.get(TIMEOUT));
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
            throw new InvalidSettingException(URI_SETTING, "must be a URI (file:, classpath:) or a file path");
        }
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
