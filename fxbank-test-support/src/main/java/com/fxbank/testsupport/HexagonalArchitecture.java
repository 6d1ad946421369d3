package com.fxbank.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule of a hexagonal service whose packages are {@code domain}, {@code application.port.in},
 * {@code application.port.out}, {@code application.service}, {@code adapter.in.*}, {@code adapter.out.*} and
 * {@code config} under one base package. Written as allow-lists, as buckpal does: each layer names what it
 * <em>may</em> use, so that a new dependency is a leak until someone decides it is not.
 * <ul>
 *   <li>the domain uses the JDK, {@code fxbank-common} and itself — nothing else;</li>
 *   <li>the application uses its domain, its own ports and services, {@code fxbank-common}, logging and
 *       Spring's transactions — no message contract, no configuration, no adapter;</li>
 *   <li>incoming and outgoing ports do not depend on each other;</li>
 *   <li>adapters never depend on each other, nor on {@code config}: configuration builds adapters and hands them what
 *       they need, never the other way round.</li>
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
        List<String> broken = new ArrayList<>();
        for (ArchRule rule : rules(basePackage)) {
            try {
                rule.check(classes);
            } catch (AssertionError e) {
                broken.add(e.getMessage());
            }
        }
        if (!broken.isEmpty()) {
            throw new AssertionError(String.join("\n\n", broken));
        }
    }

    static List<ArchRule> rules(String base) {
        String domain = base + ".domain..";
        String portIn = base + ".application.port.in..";
        String portOut = base + ".application.port.out..";
        String application = base + ".application..";
        return List.of(
                classes().that().resideInAPackage(domain)
                        .should().onlyDependOnClassesThat().resideInAnyPackage(domain, "java..", "com.fxbank.common..")
                        .because("the domain is plain Java: the JDK, fxbank-common and itself")
                        .allowEmptyShould(true),
                classes().that().resideInAPackage(application)
                        .should().onlyDependOnClassesThat().resideInAnyPackage(application, domain, "java..",
                                "com.fxbank.common..", "org.slf4j..", "org.springframework.transaction..")
                        .because("the application uses its domain and its ports; message contracts, configuration "
                                + "and frameworks stay in the adapters")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(portIn)
                        .should().dependOnClassesThat().resideInAPackage(portOut)
                        .because("an incoming port does not know the outgoing ones")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(portOut)
                        .should().dependOnClassesThat().resideInAPackage(portIn)
                        .because("an outgoing port does not know the incoming ones")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(base + ".adapter..")
                        .should().dependOnClassesThat().resideInAPackage(base + ".config..")
                        .because("configuration wires adapters; an adapter is given its settings, it does not read them")
                        .allowEmptyShould(true),
                slices().matching(base + ".adapter.(*).(*)..")
                        .should().notDependOnEachOther()
                        .because("an adapter depends inward only, never on another adapter")
                        .allowEmptyShould(true));
    }
}
