package org.qaflow.rules;

import org.junit.jupiter.api.Test;
import org.qaflow.QaflowApplication;
import org.qaflow.support.TestDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The database holds the active rules; a start makes the rules folder agree with it again. */
class RulesFolderRepairTest {

    static final List<String> THIRTEEN_CREDITS = List.of("L4B2", "L4C1", "L4C3", "L4S2");

    @Test
    void aRuleFileLeftEmptyOrChangedOnDiskIsRewrittenFromTheActiveVersionAtStart() throws IOException {
        Path data = TestDirs.newDataDir("rules-repair");
        Path rules = RulesTestSupport.copyOfRules();
        Path drl = rules.resolve("combination/combination.drl");
        Path requirements = rules.resolve("combination/requirements.yaml");
        String drlContent = Files.readString(drl);
        String requirementsContent = Files.readString(requirements);
        try (ConfigurableApplicationContext first = start(data, rules)) {
            assertThat(first.getBean(RuleEngine.class).activeVersion()).isEqualTo(1);
        }
        // What a process killed while writing an activated file left behind, and an edit nobody reloaded.
        Files.write(drl, new byte[0]);
        String edited = requirementsContent.replace("minCredits: 13", "minCredits: 14");
        assertThat(edited).isNotEqualTo(requirementsContent);
        Files.writeString(requirements, edited);
        Files.writeString(rules.resolve("combination/extra.drl"), "package combination\n");

        try (ConfigurableApplicationContext second = start(data, rules)) {
            assertThat(Files.readString(drl)).isEqualTo(drlContent);
            assertThat(Files.readString(requirements)).isEqualTo(requirementsContent);
            assertThat(rules.resolve("combination/extra.drl")).doesNotExist();
            assertThat(rules.resolve("combination/.requirements.yaml.on-disk")).hasContent(edited);
            assertThat(rules.resolve("combination/.extra.drl.on-disk")).hasContent("package combination\n");
            try (Stream<Path> files = Files.walk(rules)) {
                assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".tmp"));
            }
            RuleEngine engine = second.getBean(RuleEngine.class);
            assertThat(engine.activeVersion()).isEqualTo(1);
            CombinationResult certificate = engine.combination("610/3769/2", THIRTEEN_CREDITS);
            assertThat(certificate.achieved()).isTrue();
            assertThat(engine.combination("610/3769/2", List.of("L4B2")).reasons())
                    .anySatisfy(r -> assertThat(r).contains("needs at least 13 credits"));
            // The hidden copies are not rules: disk and database agree.
            assertThat(second.getBean(RuleSetRegistry.class).reload("qm")).isEmpty();
        }
    }

    static ConfigurableApplicationContext start(Path data, Path rules) {
        return new SpringApplicationBuilder(QaflowApplication.class)
                .run("--qaflow.data-dir=" + data, "--qaflow.rules-dir=" + rules, "--server.port=0");
    }
}
