package io.descopefilter.jakarta.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.descopefilter.jakarta.DescopeAuthFilter;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape the code must keep: a small public API in {@code io.descopefilter.jakarta} whose signatures expose no
 * internal type, internals that never reach back to the filter, and a core that knows nothing of servlets.
 */
class PublicApiArchitectureTest {

    static final String API = "io.descopefilter.jakarta";

    /** The public API of this module. Adding a type here is a decision: it becomes a compatibility promise. */
    static final Set<String> API_TYPES = Set.of("DescopeAuthFilter", "DescopeLinks", "DescopePrincipal",
            "EnchantedLinkStarted", "LinkPurpose", "LinkSent", "LoginProblem", "RequestAttributes", "SendOutcome");

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.descopefilter.jakarta", "io.descopefilter.core");

    @Test
    void theApiPackageHoldsExactlyTheDocumentedPublicTypes() {
        Set<String> publicTypes = PRODUCTION.stream()
                .filter(c -> c.getPackageName().equals(API) && c.getModifiers().contains(JavaModifier.PUBLIC)
                        && !c.isNestedClass())
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(publicTypes).containsExactlyInAnyOrderElementsOf(API_TYPES);
    }

    @Test
    void everyOtherPackageOfTheModuleIsInternal() {
        classes().that().resideInAPackage(API + "..").and().resideOutsideOfPackage(API)
                .should().resideInAPackage(API + ".internal..")
                .because("only io.descopefilter.jakarta is API; everything else says so by its package name")
                .check(PRODUCTION);
    }

    @Test
    void theApiExposesNoInternalType() {
        classes().that().resideInAPackage(API).and().arePublic()
                .should(exposeOnlyApiTypes())
                .check(PRODUCTION);
    }

    @Test
    void internalsNeverUseTheFilterClass() {
        noClasses().that().resideInAPackage(API + ".internal..")
                .should().dependOnClassesThat().belongToAnyOf(DescopeAuthFilter.class)
                .because("the filter wires the internals together, not the other way round")
                .check(PRODUCTION);
    }

    @Test
    void coreNeverUsesTheServletApi() {
        noClasses().that().resideInAPackage("io.descopefilter.core..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
                .check(PRODUCTION);
    }

    /** No public or protected member of a public API type names a type of an internal package. */
    static ArchCondition<JavaClass> exposeOnlyApiTypes() {
        return new ArchCondition<>("expose no io.descopefilter..internal type in public or protected members") {
            @Override
            public void check(JavaClass api, ConditionEvents events) {
                for (JavaClass supertype : api.getAllRawSuperclasses()) {
                    report(api, "extends", supertype, events);
                }
                for (JavaClass iface : api.getAllRawInterfaces()) {
                    report(api, "implements", iface, events);
                }
                for (JavaField field : api.getFields()) {
                    if (isVisible(field.getModifiers())) {
                        types(field.getType()).forEach(t -> report(api, "field " + field.getName(), t, events));
                    }
                }
                for (JavaCodeUnit unit : api.getCodeUnits()) {
                    if (!isVisible(unit.getModifiers()) || unit.getName().equals("<clinit>")) {
                        continue;
                    }
                    types(unit.getReturnType()).forEach(t -> report(api, unit.getFullName(), t, events));
                    unit.getParameterTypes().forEach(p -> types(p).forEach(t ->
                            report(api, unit.getFullName(), t, events)));
                    unit.getThrowsClause().getTypes().forEach(t -> report(api, unit.getFullName(), t, events));
                }
            }
        };
    }

    private static boolean isVisible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static Set<JavaClass> types(JavaType type) {
        return type.getAllInvolvedRawTypes();
    }

    private static void report(JavaClass api, String where, JavaClass type, ConditionEvents events) {
        if (type.getPackageName().contains(".internal")) {
            events.add(SimpleConditionEvent.violated(api, api.getName() + " exposes internal type "
                    + type.getName() + " in " + where));
        }
    }
}
