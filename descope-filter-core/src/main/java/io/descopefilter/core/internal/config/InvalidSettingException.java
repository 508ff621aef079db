package io.descopefilter.core.internal.config;

/** A setting is missing or malformed. The message names the setting and says how to fix it. */
public final class InvalidSettingException extends RuntimeException {

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
