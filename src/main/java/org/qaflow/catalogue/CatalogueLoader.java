package org.qaflow.catalogue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.qaflow.catalogue.CatalogueFiles.*;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Loads the specification's catalogue from sample-data/catalogue/*.yaml and runs the consistency check on it. */
@Service
public class CatalogueLoader {

    private static final Logger log = LoggerFactory.getLogger(CatalogueLoader.class);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final SpecificationRepository specifications;
    private final UnitRepository units;
    private final QualificationRepository qualifications;
    private final CatalogueIssueRepository issues;

    public CatalogueLoader(SpecificationRepository specifications, UnitRepository units,
                           QualificationRepository qualifications, CatalogueIssueRepository issues) {
        this.specifications = specifications;
        this.units = units;
        this.qualifications = qualifications;
        this.issues = issues;
    }

    public boolean isLoaded() {
        return specifications.count() > 0;
    }

    @Transactional
    public void load(Path catalogueDir) {
        SpecificationFile spec = read(catalogueDir.resolve("specification.yaml"), new TypeReference<>() { });
        List<UnitEntry> unitEntries = read(catalogueDir.resolve("units.yaml"), new TypeReference<>() { });
        List<QualificationEntry> qualificationEntries =
                read(catalogueDir.resolve("qualifications.yaml"), new TypeReference<>() { });
        StatementsFile statements = read(catalogueDir.resolve("statements.yaml"), new TypeReference<>() { });

        specifications.save(new Specification(spec.title(), spec.awardingOrganisation(), spec.version(), spec.date()));
        List<Unit> savedUnits = new ArrayList<>();
        for (int i = 0; i < unitEntries.size(); i++) {
            savedUnits.add(units.save(toUnit(unitEntries.get(i), i)));
        }
        Set<String> knownRefs = savedUnits.stream().map(Unit::getRef).collect(Collectors.toSet());
        List<Qualification> savedQualifications = new ArrayList<>();
        for (int i = 0; i < qualificationEntries.size(); i++) {
            QualificationEntry q = qualificationEntries.get(i);
            List<String> qualUnits = q.units() == null ? List.of() : q.units();
            qualUnits.stream().filter(ref -> !knownRefs.contains(ref)).findFirst().ifPresent(ref -> {
                throw new IllegalStateException("qualifications.yaml: " + q.qan() + " names unit " + ref
                        + ", which is not in units.yaml");
            });
            savedQualifications.add(qualifications.save(new Qualification(q.qan(), q.title(), q.type(),
                    q.creditRange(), q.glhRange(), q.tqtRange(), qualUnits, i)));
        }
        List<CatalogueIssue> found = new ConsistencyCheck(savedUnits, savedQualifications).check(statements);
        issues.saveAll(found);
        log.info("Catalogue {} {} loaded: {} units, {} qualifications, {} contradictions in the specification",
                spec.version(), spec.date(), savedUnits.size(), savedQualifications.size(), found.size());
    }

    private static Unit toUnit(UnitEntry e, int position) {
        Unit unit = new Unit(e.ref(), e.uan(), e.title(), e.level(), e.category(), e.credit(), e.glh(), e.tqt(),
                e.purpose(), position);
        if (e.ksbs() != null) {
            e.ksbs().forEach(k -> unit.addKsb(k.code(), k.title()));
        }
        for (OutcomeEntry o : e.outcomes()) {
            LearningOutcome outcome = unit.addOutcome(o.number(), o.title(), o.simulationAllowed());
            o.criteria().forEach(c -> outcome.addCriterion(c.keyOrNumber(), c.number(), c.text()));
        }
        // Evidence is recorded per key: two criteria under one key would share (and lose) evidence.
        unit.getCriteria().stream().collect(Collectors.groupingBy(AssessmentCriterion::getKey, Collectors.counting()))
                .forEach((key, count) -> {
                    if (count > 1) {
                        throw new IllegalStateException("units.yaml: " + e.ref() + " has " + count
                                + " criteria keyed " + key + "; give each a distinct key (the number stays its label)");
                    }
                });
        return unit;
    }

    /** Reads one of the YAML files under sample-data/; a broken file fails with its path and the parser's reason. */
    public static <T> T read(Path file, TypeReference<T> type) {
        try {
            return YAML.readValue(Files.readAllBytes(file), type);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
