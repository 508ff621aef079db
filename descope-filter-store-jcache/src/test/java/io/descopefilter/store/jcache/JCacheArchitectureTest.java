package io.descopefilter.store.jcache;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The module's API is the provider class alone; everything else is internal; no Hazelcast type in main code. */
class JCacheArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.descopefilter.store.jcache");

    @Test
    void theOnlyApiTypeIsTheProvider() {
        assertThat(MAIN.stream().filter(c -> c.getPackageName().equals("io.descopefilter.store.jcache")
                        && !c.getSimpleName().equals("package-info"))
                .map(c -> c.getName()))
                .containsExactly(JCacheStoreProvider.class.getName());
        classes().that().resideOutsideOfPackage("io.descopefilter.store.jcache")
                .should().resideInAPackage("io.descopefilter.store.jcache.internal").check(MAIN);
    }

    @Test
    void theStoreIsWrittenAgainstJCacheOnly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.hazelcast..").check(MAIN);
    }
}
