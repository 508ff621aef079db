package io.descopefilter.core.internal.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One place a setting can come from. A {@link Settings} asks its sources in order and takes the first
 * non-blank value.
 */
public interface SettingSource {

    /** The raw value of {@code setting} in this source, if it sets it. */
    Optional<String> lookup(Setting<?> setting);

    /** Where the value came from, for messages: {@code init-param projectId}. */
    String describe(Setting<?> setting);

    /** A source reading plain names ({@code projectId}) from a function such as {@code FilterConfig::getInitParameter}. */
    static SettingSource named(String kind, Function<String, String> values) {
        Objects.requireNonNull(values, "values");
        return new SettingSource() {
            @Override
            public Optional<String> lookup(Setting<?> setting) {
                return Optional.ofNullable(values.apply(setting.name()));
            }

            @Override
            public String describe(Setting<?> setting) {
                return kind + " " + setting.name();
            }
        };
    }

    /** Settings given in code, e.g. by an application that registers the filter programmatically. */
    static SettingSource of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return named("setting", copy::get);
    }

    /** Java system properties, {@code descope.<name>}. */
    static SettingSource systemProperties() {
        return new SettingSource() {
            @Override
            public Optional<String> lookup(Setting<?> setting) {
                return Optional.ofNullable(System.getProperty(setting.systemPropertyName()));
            }

            @Override
            public String describe(Setting<?> setting) {
                return "system property " + setting.systemPropertyName();
            }
        };
    }

    /** Environment variables, {@code DESCOPE_<UPPER_SNAKE_NAME>}. */
    static SettingSource environment() {
        return environment(System.getenv());
    }

    /** Environment variables from the given map (tests pass their own). */
    static SettingSource environment(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        return new SettingSource() {
            @Override
            public Optional<String> lookup(Setting<?> setting) {
                return Optional.ofNullable(copy.get(setting.environmentVariableName()));
            }

            @Override
            public String describe(Setting<?> setting) {
                return "environment variable " + setting.environmentVariableName();
            }
        };
    }
}
