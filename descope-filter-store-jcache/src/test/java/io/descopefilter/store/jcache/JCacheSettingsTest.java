package io.descopefilter.store.jcache;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Malformed settings are refused with the setting's name, before anything is started. */
class JCacheSettingsTest {

    private static void open(Map<String, String> settings) {
        new JCacheStoreProvider().open(settings::get).close();
    }

    @Test
    void malformedSettingsAreNamed() {
        assertThatThrownBy(() -> open(Map.of("jcacheTimeout", "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'jcacheTimeout'")
                .hasMessageContaining("whole number of milliseconds (250 or 250ms) or seconds (2s)");
        assertThatThrownBy(() -> open(Map.of("jcacheTimeout", "0ms")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'jcacheTimeout'")
                .hasMessageContaining("more than zero");
        assertThatThrownBy(() -> open(Map.of("jcacheCachePrefix", "with blank")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'jcacheCachePrefix'")
                .hasMessageContaining("printable ASCII without blanks");
        assertThatThrownBy(() -> open(Map.of("jcacheProvider", "not a class")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jcacheProvider");
        assertThatThrownBy(() -> open(Map.of("jcacheProvider", "com.example.NoSuchProvider", "jcacheUri", "/tmp/x.xml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jcacheProvider");
    }
}
