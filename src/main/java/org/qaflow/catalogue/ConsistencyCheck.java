package org.qaflow.catalogue;

import org.qaflow.catalogue.CatalogueFiles.QualificationStatement;
import org.qaflow.catalogue.CatalogueFiles.RoleRequirementStatement;
import org.qaflow.catalogue.CatalogueFiles.StatementsFile;
import org.qaflow.catalogue.CatalogueFiles.UnitStatement;
import org.qaflow.catalogue.CatalogueIssue.Kind;
import org.qaflow.catalogue.CatalogueIssue.StatedValue;

import java.util.*;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds where the specification contradicts itself by comparing what each of its tables states with the one value
 * the catalogue keeps. Nothing here knows which contradictions exist: they are derived from the statements.
 */
public class ConsistencyCheck {

    private final Map<String, Unit> unitsByRef;
    private final Map<String, Unit> unitsByUan;
    private final Map<String, Qualification> qualificationsByQan;

    public ConsistencyCheck(Collection<Unit> units, Collection<Qualification> qualifications) {
        this.unitsByRef = units.stream().collect(Collectors.toMap(Unit::getRef, u -> u));
        this.unitsByUan = units.stream().collect(Collectors.toMap(Unit::getUan, u -> u, (a, b) -> a));
        this.qualificationsByQan = qualifications.stream().collect(Collectors.toMap(Qualification::getQan, q -> q));
    }

    public List<CatalogueIssue> check(StatementsFile statements) {
        List<CatalogueIssue> issues = new ArrayList<>();
        List<UnitStatement> unitStatements = statements.units() == null ? List.of() : statements.units();
        issues.addAll(refMismatches(unitStatements));
        issues.addAll(duplicateUans(unitStatements));
        issues.addAll(unitFieldDisagreements(unitStatements));
        issues.addAll(creditNotTqtOverTen(unitStatements, statements.qualifications()));
        issues.addAll(qualificationDisagreements(statements.qualifications()));
        issues.addAll(duplicateCriterionNumbers());
        issues.addAll(requirementsNamingAnotherRole(statements.roleRequirements()));
        return issues;
    }

    /** How the specification names each staff role in its requirement lists. */
    private static final Map<String, List<String>> ROLE_WORDS = Map.of(
            "ASSESSOR", List.of("assessor"),
            "IQA", List.of("iqa", "internal quality assur"));

    /** A bullet in one role's requirement list that speaks of another role only: a copy slip between the lists. */
    private List<CatalogueIssue> requirementsNamingAnotherRole(List<RoleRequirementStatement> statements) {
        List<RoleRequirementStatement> all = statements == null ? List.of() : statements;
        List<CatalogueIssue> issues = new ArrayList<>();
        for (RoleRequirementStatement s : all) {
            String text = s.text().toLowerCase(Locale.ROOT);
            if (ROLE_WORDS.getOrDefault(s.role(), List.of()).stream().anyMatch(text::contains)) {
                continue;
            }
            ROLE_WORDS.forEach((other, words) -> words.stream().filter(text::contains).findFirst().ifPresent(word -> {
                if (other.equals(s.role())) {
                    return;
                }
                List<StatedValue> values = new ArrayList<>();
                values.add(new StatedValue(s.source(), s.text()));
                Optional<RoleRequirementStatement> copied = all.stream()
                        .filter(o -> o.role().equals(other) && o.text().equals(s.text())).findFirst();
                copied.ifPresent(o -> values.add(new StatedValue(o.source(), o.text())));
                issues.add(new CatalogueIssue(Kind.ROLE_MISNAMED, s.role(), "requirement",
                        "applies to the " + s.role(),
                        s.source() + " (" + s.role() + ") says \"" + s.text() + "\", naming the " + word
                                + (copied.isPresent() ? ", word for word the bullet of " + copied.get().source() : "")
                                + "; a copy slip: it is applied to the " + s.role(), values));
            }));
        }
        return issues;
    }

    /** Two assessment criteria of one outcome under the same number: both are kept under keys, since both must be met. */
    private List<CatalogueIssue> duplicateCriterionNumbers() {
        List<CatalogueIssue> issues = new ArrayList<>();
        unitsByRef.values().stream().sorted(Comparator.comparingInt(Unit::getPosition)).forEach(unit -> {
            for (LearningOutcome outcome : unit.getOutcomes()) {
                Map<String, List<AssessmentCriterion>> byNumber = outcome.getCriteria().stream()
                        .collect(Collectors.groupingBy(AssessmentCriterion::getNumber, LinkedHashMap::new,
                                Collectors.toList()));
                byNumber.forEach((number, criteria) -> {
                    if (criteria.size() > 1) {
                        List<String> keys = criteria.stream().map(AssessmentCriterion::getKey).toList();
                        issues.add(new CatalogueIssue(Kind.DUPLICATE_CRITERION_NUMBER, unit.getRef(),
                                "criterion " + number, "all " + criteria.size() + " kept as " + String.join(", ", keys),
                                unit.getRef() + " LO" + outcome.getNumber() + " numbers " + criteria.size()
                                        + " different criteria " + number + "; all are kept, since each must be met, "
                                        + "and evidenced separately under the keys " + String.join(", ", keys)
                                        + " (each shown as " + number + ")",
                                criteria.stream().map(c -> new StatedValue("Unit specification", c.getText()))
                                        .collect(Collectors.toList())));
                    }
                });
            }
        });
        return issues;
    }

    /** A statement whose ref is not the catalogue's ref for the unit with that UAN. */
    private List<CatalogueIssue> refMismatches(List<UnitStatement> statements) {
        Map<String, List<UnitStatement>> byKeptRef = new LinkedHashMap<>();
        for (UnitStatement s : statements) {
            if (s.ref() != null && !unitsByRef.containsKey(s.ref()) && unitsByUan.containsKey(s.uan())) {
                byKeptRef.computeIfAbsent(unitsByUan.get(s.uan()).getRef(), k -> new ArrayList<>()).add(s);
            }
        }
        List<CatalogueIssue> issues = new ArrayList<>();
        byKeptRef.forEach((keptRef, mismatching) -> {
            List<StatedValue> values = new ArrayList<>();
            statements.stream().filter(s -> keptRef.equals(s.ref()))
                    .forEach(s -> values.add(new StatedValue(s.source(), s.ref())));
            mismatching.forEach(s -> values.add(new StatedValue(s.source(), s.ref())));
            Unit unit = unitsByRef.get(keptRef);
            issues.add(new CatalogueIssue(Kind.UNIT_REF_MISMATCH, keptRef, "ref", keptRef,
                    "\"" + unit.getTitle() + "\" (" + unit.getUan() + ") is given the ISP ref "
                            + distinct(values) + " in different places", values));
        });
        return issues;
    }

    /** One Ofqual UAN stated for more than one unit. */
    private List<CatalogueIssue> duplicateUans(List<UnitStatement> statements) {
        Map<String, List<UnitStatement>> byUan = statements.stream().filter(s -> s.uan() != null)
                .collect(Collectors.groupingBy(UnitStatement::uan, LinkedHashMap::new, Collectors.toList()));
        List<CatalogueIssue> issues = new ArrayList<>();
        byUan.forEach((uan, stated) -> {
            Set<String> units = stated.stream().map(this::keptRefOf).filter(Objects::nonNull)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (units.size() > 1) {
                Unit owner = unitsByUan.get(uan);
                List<StatedValue> values = stated.stream()
                        .filter(s -> owner == null || !owner.getRef().equals(keptRefOf(s)))
                        .map(s -> new StatedValue(s.source(), s.ref()))
                        .collect(Collectors.toList());
                issues.add(new CatalogueIssue(Kind.DUPLICATE_UAN, uan, "uan",
                        owner == null ? null : owner.getRef(),
                        "UAN " + uan + " is stated for units " + String.join(", ", units)
                                + (owner == null ? "" : "; the unit overview gives it to " + owner.getRef()
                                + " and the others keep their own UANs"), values));
            }
        });
        return issues;
    }

    private List<CatalogueIssue> unitFieldDisagreements(List<UnitStatement> statements) {
        Map<String, List<UnitStatement>> byUnit = statements.stream().filter(s -> keptRefOf(s) != null)
                .collect(Collectors.groupingBy(this::keptRefOf, LinkedHashMap::new, Collectors.toList()));
        List<CatalogueIssue> issues = new ArrayList<>();
        byUnit.forEach((ref, stated) -> {
            Unit unit = unitsByRef.get(ref);
            disagreement(ref, "credit", stated, UnitStatement::credit, unit.getCredit(), Kind.VALUE_DISAGREEMENT)
                    .ifPresent(issues::add);
            disagreement(ref, "glh", stated, UnitStatement::glh, unit.getGlh(), Kind.GLH_DISAGREEMENT)
                    .ifPresent(issues::add);
            disagreement(ref, "tqt", stated, UnitStatement::tqt, unit.getTqt(), Kind.VALUE_DISAGREEMENT)
                    .ifPresent(issues::add);
            disagreement(ref, "level", stated, UnitStatement::level, unit.getLevel(), Kind.VALUE_DISAGREEMENT)
                    .ifPresent(issues::add);
            disagreement(ref, "title", stated, UnitStatement::title, unit.getTitle(), Kind.VALUE_DISAGREEMENT)
                    .ifPresent(issues::add);
        });
        return issues;
    }

    private Optional<CatalogueIssue> disagreement(String ref, String field, List<UnitStatement> stated,
                                                  Function<UnitStatement, Object> value, Object kept, Kind kind) {
        List<StatedValue> values = stated.stream().filter(s -> value.apply(s) != null)
                .map(s -> new StatedValue(s.source(), String.valueOf(value.apply(s))))
                .collect(Collectors.toList());
        // Case and spacing differ between tables without meaning anything.
        long differentValues = values.stream().map(v -> v.value().trim().replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT)).distinct().count();
        if (differentValues <= 1) {
            return Optional.empty();
        }
        return Optional.of(new CatalogueIssue(kind, ref, field, String.valueOf(kept),
                ref + " " + field + " is stated as " + String.join(" and ", distinct(values))
                        + "; the catalogue keeps " + kept, values));
    }

    private List<CatalogueIssue> creditNotTqtOverTen(List<UnitStatement> units, List<QualificationStatement> quals) {
        List<CatalogueIssue> issues = new ArrayList<>();
        for (UnitStatement s : units) {
            if (s.credit() != null && s.tqt() != null && s.credit() * 10 != s.tqt() && keptRefOf(s) != null) {
                Unit unit = unitsByRef.get(keptRefOf(s));
                issues.add(creditIssue(unit.getRef(), s.source(), s.credit(), s.tqt(), unit.getCredit()));
            }
        }
        for (QualificationStatement s : quals == null ? List.<QualificationStatement>of() : quals) {
            Qualification q = qualificationsByQan.get(s.qan());
            if (q != null && s.credit() != null && s.tqt() != null && s.credit() * 10 != s.tqt()) {
                issues.add(creditIssue(q.getQan(), s.source(), s.credit(), s.tqt(), q.getCredit().min()));
            }
        }
        return issues;
    }

    private static CatalogueIssue creditIssue(String subject, String source, int credit, int tqt, Integer kept) {
        return new CatalogueIssue(Kind.CREDIT_NOT_TQT_OVER_10, subject, "credit", String.valueOf(kept),
                source + " gives " + subject + " credit " + credit + " with TQT " + tqt
                        + "; on the RQF credit is TQT / 10 = " + (tqt / 10.0) + "; the catalogue keeps " + kept,
                List.of(new StatedValue(source + " (credit)", String.valueOf(credit)),
                        new StatedValue(source + " (TQT)", String.valueOf(tqt))));
    }

    /** Key Facts against the catalogue, and an Award's stated credit against the credits of its own units. */
    private List<CatalogueIssue> qualificationDisagreements(List<QualificationStatement> statements) {
        List<CatalogueIssue> issues = new ArrayList<>();
        for (QualificationStatement s : statements == null ? List.<QualificationStatement>of() : statements) {
            Qualification q = qualificationsByQan.get(s.qan());
            if (q == null || q.getUnits().isEmpty()) {
                continue;
            }
            int unitCredits = q.getUnits().stream().map(unitsByRef::get).filter(Objects::nonNull)
                    .mapToInt(Unit::getCredit).sum();
            int unitGlh = q.getUnits().stream().map(unitsByRef::get).filter(Objects::nonNull)
                    .mapToInt(Unit::getGlh).sum();
            if (s.credit() != null && s.credit() != unitCredits) {
                issues.add(new CatalogueIssue(Kind.VALUE_DISAGREEMENT, q.getQan(), "credit",
                        String.valueOf(q.getCredit().min()),
                        q.getTitle() + ": " + s.source() + " gives credit " + s.credit() + " but its units "
                                + q.getUnits() + " carry " + unitCredits,
                        List.of(new StatedValue(s.source(), String.valueOf(s.credit())),
                                new StatedValue("Sum of unit credits", String.valueOf(unitCredits)))));
            }
            if (s.glh() != null && q.getType() == QualificationType.AWARD && s.glh() != unitGlh) {
                issues.add(new CatalogueIssue(Kind.GLH_DISAGREEMENT, q.getQan(), "glh",
                        String.valueOf(q.getGlh().min()),
                        q.getTitle() + ": " + s.source() + " gives GLH " + s.glh() + " but its units "
                                + q.getUnits() + " carry " + unitGlh,
                        List.of(new StatedValue(s.source(), String.valueOf(s.glh())),
                                new StatedValue("Sum of unit GLH", String.valueOf(unitGlh)))));
            }
        }
        return issues;
    }

    /** The catalogue unit a statement is about: by ref, else by UAN (a statement with a wrong ref). */
    private String keptRefOf(UnitStatement s) {
        if (s.ref() != null && unitsByRef.containsKey(s.ref())) {
            return s.ref();
        }
        Unit byUan = s.uan() == null ? null : unitsByUan.get(s.uan());
        return byUan == null ? null : byUan.getRef();
    }

    private static List<String> distinct(List<StatedValue> values) {
        return values.stream().map(StatedValue::value).distinct().collect(Collectors.toList());
    }
}
