package org.qaflow.catalogue;

import java.time.LocalDate;
import java.util.List;

/** The shapes of the YAML files under sample-data/catalogue/, as a reader of those files sees them. */
final class CatalogueFiles {

    private CatalogueFiles() {
    }

    record SpecificationFile(String title, String awardingOrganisation, String version, LocalDate date) {
    }

    record UnitEntry(String ref, String uan, String title, int level, UnitCategory category, int credit, int glh,
                     int tqt, String purpose, List<KsbEntry> ksbs, List<OutcomeEntry> outcomes) {
    }

    record KsbEntry(String code, String title) {
    }

    record OutcomeEntry(int number, String title, boolean simulationAllowed, List<CriterionEntry> criteria) {
    }

    /** key: only where the number is not unique in the unit; otherwise the number is the key. */
    record CriterionEntry(String key, String number, String text) {

        String keyOrNumber() { return key == null || key.isBlank() ? number : key; }
    }

    record QualificationEntry(String qan, String title, QualificationType type,
                              Integer credit, Integer creditMin, Integer creditMax,
                              Integer glh, Integer glhMin, Integer glhMax,
                              Integer tqt, Integer tqtMin, Integer tqtMax,
                              List<String> units) {

        Qualification.Range creditRange() { return range(credit, creditMin, creditMax); }
        Qualification.Range glhRange() { return range(glh, glhMin, glhMax); }
        Qualification.Range tqtRange() { return range(tqt, tqtMin, tqtMax); }

        private static Qualification.Range range(Integer exact, Integer min, Integer max) {
            return exact != null ? Qualification.Range.exactly(exact) : new Qualification.Range(min, max);
        }
    }

    /** What one table of the specification literally states, before any correction. */
    record StatementsFile(List<UnitStatement> units, List<QualificationStatement> qualifications,
                          List<RoleRequirementStatement> roleRequirements) {
    }

    /** One bullet of a staff requirement list (role ASSESSOR or IQA), word for word. */
    record RoleRequirementStatement(String source, String role, String text) {
    }

    record UnitStatement(String source, String ref, String uan, String title, Integer level, Integer credit,
                         Integer glh, Integer tqt) {
    }

    record QualificationStatement(String source, String qan, Integer credit, Integer glh, Integer tqt) {
    }
}
