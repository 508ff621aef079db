package io.descopefilter.core.internal.config;

/**
 * A setting is missing or malformed. The message names the setting and says how to fix it. An
 * {@link IllegalArgumentException}, so that a store module reading its own settings through {@link Settings}
 * answers as {@link io.descopefilter.core.store.SharedStoreProvider#open} promises.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Setting<?> setting;

    public InvalidSettingException(Setting<?> setting, String problem) {
        super("Descope setting '" + setting.name() + "' " + problem);
        this.setting = setting;
    }

    /** The setting at fault. */
    public Setting<?> setting() {
        return setting;
    }
}
