package io.descopefilter.store.redis;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/** The module's API is the provider class alone; everything else is internal. */
class RedisArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.descopefilter.store.redis");

    @Test
    void theOnlyApiTypeIsTheProvider() {
        assertThat(MAIN.stream().filter(c -> c.getPackageName().equals("io.descopefilter.store.redis")
                        && !c.getSimpleName().equals("package-info"))
                .map(c -> c.getName()))
                .containsExactly(RedisStoreProvider.class.getName());
        classes().that().resideOutsideOfPackage("io.descopefilter.store.redis")
                .should().resideInAPackage("io.descopefilter.store.redis.internal").check(MAIN);
        classes().that().resideInAPackage("io.descopefilter.store.redis.internal")
                .and().areNotMemberClasses()
                .and().doNotHaveSimpleName("package-info")
                .and().arePublic()
                .should().haveSimpleNameEndingWith("Store").orShould().haveSimpleNameEndingWith("Settings")
                .check(MAIN);
    }
}
