package io.descopefilter.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shape of the module: no servlet API anywhere, and a public API in {@code io.descopefilter.core} that never
 * shows an {@code io.descopefilter.core.internal} type in a signature a caller can see.
 */
class ArchitectureTest {

    private static final String API = "io.descopefilter.core";
    /** The SPI a shared-state store module implements; public like the API, and as careful about what it shows. */
    private static final String STORE_SPI = "io.descopefilter.core.store";
    private static final String INTERNAL = "io.descopefilter.core.internal..";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(API);

    @Test
    void noClassDependsOnTheServletApi() {
        ArchRule rule = noClasses().that().resideInAPackage("io.descopefilter.core..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..");
        rule.check(MAIN);
    }

    @Test
    void everyClassIsApiOrInternal() {
        classes().should().resideInAnyPackage(API, STORE_SPI, INTERNAL).check(MAIN);
    }

    @Test
    void theApiExposesNoInternalType() {
        classes().that(areApi()).should(exposeNoInternalType()).check(MAIN);
    }

    /** Public top-level types of the API package and their public or protected nested types. */
    static DescribedPredicate<JavaClass> areApi() {
        return DescribedPredicate.describe("are public API types of " + API, ArchitectureTest::isApi);
    }

    private static boolean isApi(JavaClass type) {
        if (!(type.getPackageName().equals(API) || type.getPackageName().equals(STORE_SPI)) || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        for (Optional<JavaClass> c = Optional.of(type); c.isPresent(); c = c.get().getEnclosingClass()) {
            if (!isVisible(c.get().getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    /**
     * Supertypes, type parameter bounds, and every parameter, return, field and {@code throws} type (with all their
     * type arguments) of public and protected members.
     */
    static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no " + INTERNAL + " type in a public or protected signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> leaks = new ArrayList<>();
                type.getRawSuperclass().ifPresent(s -> collect(type.getFullName() + " extends", s, leaks));
                type.getInterfaces().forEach(i -> collect(type.getFullName() + " implements", i, leaks));
                type.getTypeParameters().forEach(p -> collect(type.getFullName() + " type parameter", p, leaks));
                for (JavaMember member : type.getMembers()) {
                    if (!isVisible(member.getModifiers())) {
                        continue;
                    }
                    String where = member.getFullName();
                    if (member instanceof JavaField field) {
                        collect(where + " type", field.getType(), leaks);
                    } else if (member instanceof JavaCodeUnit code) {
                        collect(where + " returns", code.getReturnType(), leaks);
                        code.getParameterTypes().forEach(p -> collect(where + " parameter", p, leaks));
                        code.getThrowsClause().getTypes().forEach(t -> collect(where + " throws", t, leaks));
                        code.getTypeParameters().forEach(p -> collect(where + " type parameter", p, leaks));
                    }
                }
                if (leaks.isEmpty()) {
                    events.add(SimpleConditionEvent.satisfied(type, type.getFullName() + " exposes no internal type"));
                }
                leaks.forEach(leak -> events.add(SimpleConditionEvent.violated(type, leak)));
            }
        };
    }

    private static void collect(String where, JavaType type, List<String> leaks) {
        for (JavaClass involved : type.getAllInvolvedRawTypes()) {
            JavaClass base = involved.getBaseComponentType();
            if (base.getPackageName().startsWith("io.descopefilter.core.internal")) {
                leaks.add(where + " exposes " + base.getFullName());
            }
        }
    }
}
