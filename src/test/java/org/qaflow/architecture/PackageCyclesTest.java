package org.qaflow.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import java.util.List;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package graph of the main code has no cycles, and each package uses only the layers below it (README, "Folder
 * layout"). Tests are left out: a test may drive any package.
 * <p>
 * The engine's generated process classes are imported too. They sit in {@code org.qaflow.workflow} (the package the
 * BPMN files declare), are the workflow layer's own code and call down into the features' service-task classes;
 * leaving them out would hide real dependencies, and keeping them in costs nothing since workflow may know every
 * feature anyway.
 */
@AnalyzeClasses(packages = "org.qaflow", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {

    /** Lowest first; a layer may use the layers before it, never those after it. */
    private static final List<List<String>> LAYERS = List.of(
            List.of("problem"),
            List.of("security"),
            List.of("web"),
            List.of("diagram"),
            List.of("catalogue"),
            List.of("centre"),
            List.of("rules"),
            List.of("staff"),
            List.of("task"),
            List.of("learner"),
            List.of("notification"),
            List.of("evidence"),
            List.of("assessment"),
            List.of("iqa"),
            List.of("eqa"),
            List.of("certification"),
            List.of("workflow"),
            List.of("home", "sampledata", "audit", "volume"));

    @ArchTest
    static final ArchRule packagesFormNoCycles = slices().matching("org.qaflow.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule eachLayerUsesOnlyTheLayersBelowIt = layers();

    private static LayeredArchitecture layers() {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> layer : LAYERS) {
            rule = rule.layer(name(layer)).definedBy(layer.stream().map(p -> "org.qaflow." + p + "..")
                    .toArray(String[]::new));
        }
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream().map(PackageCyclesTest::name)
                    .toArray(String[]::new);
            rule = rule.whereLayer(name(LAYERS.get(i))).mayOnlyBeAccessedByLayers(above);
        }
        return rule.whereLayer(name(LAYERS.get(LAYERS.size() - 1))).mayNotBeAccessedByAnyLayer();
    }

    private static String name(List<String> packages) {
        return String.join("+", packages);
    }
}
