package io.descopefilter.jakarta.internal.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathPatternsTest {

    private final PathPatterns protectedPaths = PathPatterns.forProtected(List.of("/app/*", "/admin"));
    private final PathPatterns publicPaths = PathPatterns.forPublic(List.of("/public/*", "/login"));

    @ParameterizedTest
    @ValueSource(strings = {"/app", "/app/", "/app/x", "/app/x/", "/app/x/y", "/admin", "/admin/"})
    void pm04_protectsPrefixAndExactPathsWithOrWithoutTrailingSlash(String path) {
        assertThat(protectedPaths.matches(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/APP/x", "/App/X", "/ADMIN", "/aPp"})
    void pm06_protectedMatchingIgnoresCase(String path) {
        assertThat(protectedPaths.matches(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/application", "/apps/x", "/administrator", "/", "/other"})
    void doesNotProtectLookAlikePrefixes(String path) {
        assertThat(protectedPaths.matches(path)).isFalse();
    }

    @Test
    void publicMatchingIsExact() {
        assertThat(publicPaths.matches("/public/a.css")).isTrue();
        assertThat(publicPaths.matches("/login")).isTrue();
        assertThat(publicPaths.matches("/PUBLIC/a.css")).isFalse();
        assertThat(publicPaths.matches("/login/")).isFalse();
        assertThat(publicPaths.matches("/publicity")).isFalse();
    }

    @Test
    void slashStarMatchesEverything() {
        PathPatterns all = PathPatterns.forProtected(List.of("/*"));
        assertThat(all.matches("/")).isTrue();
        assertThat(all.matches("/anything/at/all")).isTrue();
    }

    @Test
    void emptyListMatchesNothing() {
        assertThat(PathPatterns.forPublic(List.of()).matches("/x")).isFalse();
        assertThat(PathPatterns.forProtected(List.of()).matches("/")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"app/*", "/app/*.css", "*.jsp", "/a*/b", "/app/../x", "/a//b", "/a;b", "/a?b", "/a%2f"})
    void refusesPatternsThatAreNotCanonicalExactOrPrefix(String pattern) {
        assertThatThrownBy(() -> PathPatterns.forProtected(List.of(pattern)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(pattern);
    }
}
