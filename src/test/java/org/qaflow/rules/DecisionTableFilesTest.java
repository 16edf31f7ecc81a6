package org.qaflow.rules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every data file in the repository's rules/ is a decision table, and writing a table back changes nothing that was
 * not edited: the history of a spreadsheet or form edit shows only the cells that changed.
 */
class DecisionTableFilesTest {

    @Test
    void everyDataFileIsATableAndReadsBackToTheSameText() throws IOException {
        Path rules = Path.of("rules");
        List<String> tables = new ArrayList<>();
        try (Stream<Path> files = Files.walk(rules)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String path = rules.relativize(p).toString().replace('\\', '/');
                if (path.startsWith("scenarios/")) {
                    continue;
                }
                String content = Files.readString(p);
                assertThat(DecisionTable.isTable(path, content)).as(path).isTrue();
                tables.add(path);
                assertThat(DecisionTable.read(path, content).toYaml(content)).as(path).isEqualTo(content);
            }
        }
        assertThat(tables).contains("eligibility/role-requirements.yaml", "sampling/eqa-sample-size.yaml",
                "claims/direct-claim.yaml", "claims/eqa-release.yaml", "combination/requirements.yaml",
                "eligibility/recognised-qualifications.yaml", "sampling/iqa-sampling.yaml");
        assertThat(DecisionTable.isTable("scenarios/eligibility.yaml",
                Files.readString(rules.resolve("scenarios/eligibility.yaml")))).isFalse();
    }

    @Test
    void columnsComeFromTheFactClassWithHumanHeadingsAndKnownCodes() {
        List<TableColumn> columns = DecisionTable.columns("RoleRequirement");
        assertThat(columns).extracting(TableColumn::heading).containsExactly("Role", "Levels above qualification",
                "Sales CPD hours", "CPD window months", "CPD required", "Sales leadership for leadership units");
        assertThat(columns.get(0).options()).containsExactly("ASSESSOR", "IQA");
        assertThat(columns.get(2).type()).isEqualTo(TableColumn.Type.NUMBER);
        assertThat(DecisionTable.columns("CategoryMinimum").get(1).options()).contains("BUSINESS", "CORE", "SELF");
    }
}
