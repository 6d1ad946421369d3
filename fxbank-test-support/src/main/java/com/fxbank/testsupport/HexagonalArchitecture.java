package com.fxbank.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The dependency rule of STYLE.md, for a service whose packages are
 * {@code domain}, {@code application.port.in|out}, {@code application.service},
 * {@code adapter.in.*} and {@code adapter.out.*} under one base package:
 * <ul>
 *   <li>the domain knows nothing of the application, the adapters, Spring or the database;</li>
 *   <li>the application knows nothing of the adapters;</li>
 *   <li>adapters depend inward only, never on each other.</li>
 * </ul>
 */
public final class HexagonalArchitecture {

    private HexagonalArchitecture() {
    }

    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes found under " + basePackage);
        }

        noClasses().that().resideInAPackage(basePackage + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        basePackage + ".application..", basePackage + ".adapter..",
                        "org.springframework..", "jakarta.persistence..", "java.sql..")
                .because("the domain is plain Java that every other layer may use")
                .allowEmptyShould(true)
                .check(classes);

        noClasses().that().resideInAPackage(basePackage + ".application..")
                .should().dependOnClassesThat().resideInAPackage(basePackage + ".adapter..")
                .because("the application talks to the outside world only through its ports")
                .allowEmptyShould(true)
                .check(classes);

        slices().matching(basePackage + ".adapter.(*).(*)..")
                .should().notDependOnEachOther()
                .because("an adapter depends inward only, never on another adapter")
                .allowEmptyShould(true)
                .check(classes);
    }
}
