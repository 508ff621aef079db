package io.descopefilter.jakarta.internal.config;

import io.descopefilter.core.internal.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** README.md's settings table is exactly what {@link FilterSettings} says, so the documentation cannot drift. */
class FilterSettingsDocumentationTest {

    /** The project's README, one level above this module (surefire runs with the module as {@code basedir}). */
    private static final Path README = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("../README.md").normalize();
    private static final String START = "<!-- settings:start -->";
    private static final String END = "<!-- settings:end -->";

    static String row(Setting<?> setting) {
        return "| `" + setting.name() + "` | `" + setting.environmentVariableName() + "` | "
                + documentedDefault(setting.defaultValue()) + " | " + setting.description() + " |";
    }

    static String documentedDefault(Object value) {
        if (value == null) {
            return "(none)";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "(empty)" : "`" + String.join(",", list.stream().map(Object::toString).toList()) + "`";
        }
        if (value instanceof Duration duration) {
            return "`" + duration.toSeconds() + "`";
        }
        if (value instanceof Enum<?> constant) {
            return "`" + constant.name().toLowerCase(Locale.ROOT).replace('_', '-') + "`";
        }
        return "`" + value + "`";
    }

    @Test
    void readmeListsEverySettingWithItsDefaultAndNothingElse() throws IOException {
        String document = Files.readString(README);
        assertThat(document).contains(START, END);
        List<String> documented = document.substring(document.indexOf(START), document.indexOf(END)).lines()
                .filter(line -> line.startsWith("| `"))
                .toList();
        List<String> expected = FilterSettings.ALL.stream().map(FilterSettingsDocumentationTest::row).toList();

        assertThat(documented)
                .withFailMessage("README.md's settings table is out of date; it should be:%n%s",
                        String.join(System.lineSeparator(), expected))
                .isEqualTo(expected);
    }

    @Test
    void everySettingConstantIsInTheListOfAllSettings() throws IllegalAccessException {
        List<Object> constants = new java.util.ArrayList<>();
        for (java.lang.reflect.Field field : FilterSettings.class.getFields()) {
            if (field.getType() == Setting.class) {
                constants.add(field.get(null));
            }
        }
        assertThat(FilterSettings.ALL).containsExactlyInAnyOrderElementsOf(constants.stream()
                .map(Setting.class::cast).map(s -> (Setting<?>) s).toList());
    }
}
