package org.qaflow.catalogue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.qaflow.problem.NotFoundException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The qualification catalogue, read-only: every authenticated user may read it. */
@RestController
@RequestMapping("/api")
@Tag(name = "Catalogue", description = "Qualifications and units of the specification")
@Transactional(readOnly = true)
public class CatalogueController {

    private final QualificationRepository qualifications;
    private final UnitRepository units;
    private final CatalogueIssueRepository issues;
    private final SpecificationRepository specifications;

    public CatalogueController(QualificationRepository qualifications, UnitRepository units,
                               CatalogueIssueRepository issues, SpecificationRepository specifications) {
        this.qualifications = qualifications;
        this.units = units;
        this.issues = issues;
        this.specifications = specifications;
    }

    @GetMapping("/catalogue")
    @Operation(summary = "The specification the catalogue was taken from")
    public Specification specification() {
        return specifications.findById(1).orElseThrow(() -> new NotFoundException("No catalogue is loaded"));
    }

    @GetMapping("/qualifications")
    public List<QualificationView> qualifications() {
        return qualifications.findAllByOrderByPosition().stream().map(QualificationView::of).toList();
    }

    @GetMapping("/qualifications/{qan}")
    @Operation(summary = "One qualification by QAN, written 610/3769/2 (URL-encoded) or 610-3769-2")
    public QualificationView qualification(@PathVariable String qan) {
        String normalised = qan.replace('-', '/');
        return qualifications.findById(normalised).map(QualificationView::of)
                .orElseThrow(() -> new NotFoundException("Qualification " + qan + " is not in the catalogue"));
    }

    @GetMapping("/units")
    public List<UnitSummary> units() {
        return units.findAllByOrderByPosition().stream().map(UnitSummary::of).toList();
    }

    @GetMapping("/units/{ref}")
    @Operation(summary = "One unit by ISP ref (e.g. L4C2), with its learning outcomes and assessment criteria")
    public UnitDetail unit(@PathVariable String ref) {
        return units.findById(ref.toUpperCase(java.util.Locale.ROOT)).map(UnitDetail::of)
                .orElseThrow(() -> new NotFoundException("Unit " + ref + " is not in the catalogue"));
    }

    @GetMapping("/catalogue/issues")
    @Operation(summary = "Where the specification contradicts itself, and the value the catalogue keeps")
    public List<IssueView> issues() {
        return issues.findAllByOrderById().stream().map(IssueView::of).toList();
    }

    public record QualificationView(String qan, String title, QualificationType type, Qualification.Range credit,
                                    Qualification.Range glh, Qualification.Range tqt, List<String> units) {
        static QualificationView of(Qualification q) {
            return new QualificationView(q.getQan(), q.getTitle(), q.getType(), q.getCredit(), q.getGlh(),
                    q.getTqt(), List.copyOf(q.getUnits()));
        }
    }

    public record UnitSummary(String ref, String uan, String title, int level, UnitCategory category, int credit,
                              int glh, int tqt, int outcomes, int criteria) {
        static UnitSummary of(Unit u) {
            return new UnitSummary(u.getRef(), u.getUan(), u.getTitle(), u.getLevel(), u.getCategory(),
                    u.getCredit(), u.getGlh(), u.getTqt(), u.getOutcomes().size(),
                    u.getOutcomes().stream().mapToInt(o -> o.getCriteria().size()).sum());
        }
    }

    public record UnitDetail(String ref, String uan, String title, int level, UnitCategory category, int credit,
                             int glh, int tqt, String purpose, List<Unit.Ksb> ksbs, List<OutcomeView> outcomes) {
        static UnitDetail of(Unit u) {
            return new UnitDetail(u.getRef(), u.getUan(), u.getTitle(), u.getLevel(), u.getCategory(), u.getCredit(),
                    u.getGlh(), u.getTqt(), u.getPurpose(), List.copyOf(u.getKsbs()),
                    u.getOutcomes().stream().map(OutcomeView::of).toList());
        }
    }

    public record OutcomeView(int number, String title, boolean simulationAllowed, List<CriterionView> criteria) {
        static OutcomeView of(LearningOutcome o) {
            return new OutcomeView(o.getNumber(), o.getTitle(), o.isSimulationAllowed(),
                    o.getCriteria().stream().map(c -> new CriterionView(c.getKey(), c.getNumber(), c.getText())).toList());
        }
    }

    /** key: what evidence is recorded against (unique in the unit); number: the specification's label. */
    public record CriterionView(String key, String number, String text) {
    }

    public record IssueView(CatalogueIssue.Kind kind, String subject, String field, String keptValue,
                            String description, List<CatalogueIssue.StatedValue> values) {
        static IssueView of(CatalogueIssue i) {
            return new IssueView(i.getKind(), i.getSubject(), i.getField(), i.getKeptValue(), i.getDescription(),
                    List.copyOf(i.getValues()));
        }
    }
}
