package io.descopefilter.core.internal.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One typed configuration key: its name, how its text is parsed, its default and what it is for.
 *
 * <p>The same name is looked up in every {@link SettingSource} of a {@link Settings} chain: as an init-param
 * or context-param it is used as is ({@code projectId}), as a system property it gets the {@code descope.}
 * prefix ({@code descope.projectId}) and as an environment variable it is upper snake case with the
 * {@code DESCOPE_} prefix ({@code DESCOPE_PROJECT_ID}).
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final String description;
    private final boolean secret;
    private final Function<String, T> parser;

    private Setting(String name, Class<T> type, T defaultValue, String description, boolean secret,
            Function<String, T> parser) {
        if (name == null || !name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("Setting names are lower camel case: " + name);
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description, "description");
        this.secret = secret;
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /** A free-text setting; leading and trailing blanks are trimmed. */
    public static Setting<String> text(String name, String defaultValue, String description) {
        return new Setting<>(name, String.class, defaultValue, description, false, s -> s);
    }

    /** A text setting whose value never appears in messages (keys, secrets); it may not contain blanks. */
    public static Setting<String> secret(String name, String description) {
        return new Setting<>(name, String.class, null, description, true, Setting::printableWord);
    }

    /** A name or prefix: printable ASCII without blanks (shown in messages, unlike a {@link #secret}). */
    public static Setting<String> word(String name, String defaultValue, String description) {
        return new Setting<>(name, String.class, defaultValue, description, false, Setting::printableWord);
    }

    private static String printableWord(String s) {
        if (!s.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException("expected printable ASCII without blanks");
        }
        return s;
    }

    /** {@code true} or {@code false}, nothing else (a typo must not silently mean {@code false}). */
    public static Setting<Boolean> flag(String name, boolean defaultValue, String description) {
        return new Setting<>(name, Boolean.class, defaultValue, description, false, s -> {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true": return Boolean.TRUE;
                case "false": return Boolean.FALSE;
                default: throw new IllegalArgumentException("expected true or false");
            }
        });
    }

    /** A whole number of seconds, at least zero. */
    public static Setting<Duration> seconds(String name, Duration defaultValue, String description) {
        return new Setting<>(name, Duration.class, defaultValue, description, false, s -> {
            long seconds;
            try {
                seconds = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number of seconds");
            }
            if (seconds < 0) {
                throw new IllegalArgumentException("expected zero or more seconds");
            }
            return Duration.ofSeconds(seconds);
        });
    }

    /** A duration above zero: a whole number of milliseconds ({@code 250}, {@code 250ms}) or seconds ({@code 2s}). */
    public static Setting<Duration> milliseconds(String name, Duration defaultValue, String description) {
        return new Setting<>(name, Duration.class, defaultValue, description, false, s -> {
            String number = s.toLowerCase(Locale.ROOT);
            long factor = 1;
            if (number.endsWith("ms")) {
                number = number.substring(0, number.length() - 2).trim();
            } else if (number.endsWith("s")) {
                number = number.substring(0, number.length() - 1).trim();
                factor = 1000;
            }
            long millis;
            try {
                millis = Math.multiplyExact(Long.parseLong(number), factor);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException(
                        "expected a whole number of milliseconds (250 or 250ms) or seconds (2s)");
            }
            if (millis <= 0) {
                throw new IllegalArgumentException("expected more than zero");
            }
            return Duration.ofMillis(millis);
        });
    }

    /** A whole number, at least {@code min}. */
    public static Setting<Integer> number(String name, int defaultValue, int min, String description) {
        return new Setting<>(name, Integer.class, defaultValue, description, false, s -> {
            int value;
            try {
                value = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number");
            }
            if (value < min) {
                throw new IllegalArgumentException("expected a number of at least " + min);
            }
            return value;
        });
    }

    /** A comma-separated list; blanks around items are dropped, empty items are ignored. */
    @SuppressWarnings("unchecked")
    public static Setting<List<String>> list(String name, List<String> defaultValue, String description) {
        Class<List<String>> type = (Class<List<String>>) (Class<?>) List.class;
        return new Setting<>(name, type, List.copyOf(defaultValue), description, false,
                s -> Arrays.stream(s.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList());
    }

    /** One of an enum's constants, matched case-insensitively with {@code -} read as {@code _}. */
    public static <E extends Enum<E>> Setting<E> choice(String name, Class<E> type, E defaultValue,
            String description) {
        return new Setting<>(name, type, defaultValue, description, false, s -> {
            String wanted = s.replace('-', '_').toUpperCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(wanted)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("expected one of " + choices(type));
        });
    }

    private static <E extends Enum<E>> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .toList().toString();
    }

    T parse(String text) {
        return parser.apply(text);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /** The value used when no source sets this key; {@code null} when there is none. */
    public T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean isSecret() {
        return secret;
    }

    /** {@code descope.<name>}. */
    public String systemPropertyName() {
        return "descope." + name;
    }

    /** {@code DESCOPE_<UPPER_SNAKE_NAME>}, e.g. {@code DESCOPE_PROJECT_ID}. */
    public String environmentVariableName() {
        return "DESCOPE_" + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name;
    }
}
