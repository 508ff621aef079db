package io.descopefilter.core.internal.config;

import java.util.List;
import java.util.Optional;

/**
 * Reads typed {@link Setting}s through a chain of sources; the first source with a non-blank value wins.
 *
 * <p>The usual chain for a servlet filter is init-param, context-param, system property, environment
 * variable (the Apereo CAS client's order, with the environment last so that a container-wide variable
 * never overrides what a WAR declares).
 */
public final class Settings {

    private final List<SettingSource> sources;

    public Settings(List<SettingSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /** The value of {@code setting}, or its default (possibly {@code null}) when no source sets it. */
    public <T> T get(Setting<T> setting) {
        return find(setting).orElse(setting.defaultValue());
    }

    /** The value of {@code setting}; fails with a message naming the setting and every way to set it. */
    public <T> T require(Setting<T> setting) {
        return find(setting).or(() -> Optional.ofNullable(setting.defaultValue()))
                .orElseThrow(() -> new InvalidSettingException(setting, "is required but not set. "
                        + "Set the init-param or context-param '" + setting.name() + "', the system property '"
                        + setting.systemPropertyName() + "' or the environment variable '"
                        + setting.environmentVariableName() + "' (" + setting.description() + ")."));
    }

    /** The value of {@code setting} if some source sets it (defaults are not consulted). */
    public <T> Optional<T> find(Setting<T> setting) {
        for (SettingSource source : sources) {
            Optional<String> raw = source.lookup(setting).map(String::trim).filter(s -> !s.isEmpty());
            if (raw.isPresent()) {
                try {
                    return Optional.of(setting.parse(raw.get()));
                } catch (IllegalArgumentException e) {
                    String shown = setting.isSecret() ? "" : " '" + printable(raw.get()) + "'";
                    throw new InvalidSettingException(setting, "has an invalid value" + shown + " in "
                            + source.describe(setting) + ": " + e.getMessage() + ". Fix: "
                            + setting.description() + ".");
                }
            }
        }
        return Optional.empty();
    }

    private static String printable(String value) {
        String clipped = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return clipped.replaceAll("\\p{Cntrl}", "?");
    }
}
