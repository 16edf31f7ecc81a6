package org.qaflow.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qaflow.support.PageSession;
import org.qaflow.support.TestDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quality manager edits and adds rule scenarios as forms over real HTTP: the fields come back typed as stored,
 * a mistyped field is refused beside the field with what was typed kept, a saved form becomes a candidate checked
 * against every scenario, and a scenario edit can join a candidate whose policy change it describes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScenarioFormPagesTest {

    static final Path DATA = TestDirs.newDataDir("scenario-forms");
    static final Path RULES = RulesTestSupport.copyOfRules();

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry registry) {
        registry.add("qaflow.data-dir", DATA::toString);
        registry.add("qaflow.rules-dir", RULES::toString);
    }

    @LocalServerPort
    int port;
    RulesTestSupport.Api api;
    PageSession qm;

    @BeforeEach
    void login() throws Exception {
        api = new RulesTestSupport.Api(port);
        qm = PageSession.loggedIn(port, "qm");
    }

    private HttpResponse<String> post(Map<String, String> fields) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", qm.csrf());
        return qm.send("POST", "/qm/rules/scenarios", form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")), "application/x-www-form-urlencoded");
    }

    private static long candidateOf(HttpResponse<String> saved) {
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String location = saved.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/qm/rules/candidates/");
        return Long.parseLong(location.replaceAll(".*/candidates/(\\d+).*", "$1"));
    }

    @Test
    void aScenarioEditedAsAFormComesBackTypedIsRefusedBesideAMistypedFieldAndBecomesACandidate() throws Exception {
        HttpResponse<String> list = qm.get("/qm/rules/scenarios");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Certificate with exactly 13 credits is achieved");

        HttpResponse<String> form = qm.get("/qm/rules/scenarios/edit?file=scenarios/combination.yaml&index=0");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("value=\"Certificate with exactly 13 credits is achieved\"")
                .contains("value=\"610/3769/2\"").contains("L4B2\nL4C1\nL4C3\nL4S2")
                .contains("<option value=\"yes\" selected=\"selected\">yes</option>").contains("value=\"13\"");

        Map<String, String> fields = new LinkedHashMap<>(Map.of("file", "scenarios/combination.yaml", "index", "0",
                "kind", "combination", "name", "A Certificate of exactly 13 credits is achieved",
                "given.qualification", "610/3769/2", "given.units", "L4B2\nL4C1\nL4C3\nL4S2",
                "expect.achieved", "yes", "expect.credits", "lots"));
        HttpResponse<String> refused = post(fields);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"expect-credits-error\">&#39;lots&#39; is not a whole number</span>")
                .contains("value=\"lots\"").contains("value=\"A Certificate of exactly 13 credits is achieved\"");

        fields.put("expect.credits", "13");
        long candidate = candidateOf(post(fields));
        JsonNode stored = api.get("qm", "/api/rules/candidates/" + candidate).body();
        assertThat(stored.get("status").asText()).isEqualTo("CANDIDATE");
        assertThat(stored.get("diff").asText()).contains("changed scenarios/combination.yaml")
                .contains("- name: A Certificate of exactly 13 credits is achieved");

        HttpResponse<String> again = qm.get("/qm/rules/scenarios/edit?file=scenarios/combination.yaml&index=0&candidate="
                + candidate);
        assertThat(again.body()).contains("value=\"A Certificate of exactly 13 credits is achieved\"")
                .contains("L4B2\nL4C1\nL4C3\nL4S2").contains("value=\"13\"");
    }

    @Test
    void aNewScenarioTheRulesDoNotBearOutIsRefusedWithTheFailureShownOnTheForm() throws Exception {
        assertThat(qm.get("/qm/rules/scenarios/new?file=scenarios/sampling.yaml&kind=iqaSampling").statusCode())
                .isEqualTo(200);
        HttpResponse<String> refused = post(Map.of("file", "scenarios/sampling.yaml", "kind", "iqaSampling",
                "name", "Decision 15 of a seasoned low-risk assessor is not sampled",
                "given.decisionId", "15", "given.assessorWorkingTowards", "no", "given.assessorPriorDecisions", "40",
                "given.simulatedEvidence", "no", "given.assessorRecentReferrals", "0", "given.assessorRisk", "LOW",
                "expect.sampled", "no"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"refused\"")
                .contains("Decision 15 of a seasoned low-risk assessor is not sampled");
    }

    @Test
    void aScenarioEditJoinsTheCandidateWhosePolicyChangeItDescribes() throws Exception {
        String roles = api.get("qm", "/api/rules/files/eligibility/role-requirements.yaml").body().get("content").asText();
        RulesTestSupport.Response policy = api.put("qm", "/api/rules/files/eligibility/role-requirements.yaml",
                roles.replace("{role: ASSESSOR, levelsAboveQualification: 1, salesCpdHours: 24",
                        "{role: ASSESSOR, levelsAboveQualification: 1, salesCpdHours: 25"));
        // Alone the policy change is refused by the scenario that still says 24 hours are enough.
        assertThat(policy.status()).isEqualTo(400);
        assertThat(policy.body().get("detail").asText()).contains("A qualified assessor with enough sales CPD is eligible");
        long refusedCandidate = policy.body().get("candidate").asLong();

        HttpResponse<String> form = qm.get("/qm/rules/scenarios/edit?file=scenarios/eligibility.yaml&index=0&candidate="
                + refusedCandidate);
        assertThat(form.body()).contains("2026-02-10 12 sales\n2026-07-15 12 sales");
        long joined = candidateOf(post(Map.ofEntries(Map.entry("file", "scenarios/eligibility.yaml"),
                Map.entry("index", "0"), Map.entry("kind", "staffEligibility"), Map.entry("candidate",
                        String.valueOf(refusedCandidate)),
                Map.entry("name", "A qualified assessor with enough sales CPD is eligible"),
                Map.entry("given.role", "ASSESSOR"), Map.entry("given.asOf", "2026-11-26"),
                Map.entry("given.occupationalCompetenceLevel", "5"), Map.entry("given.qualifications", "L3_CAVA HELD"),
                Map.entry("given.cpd", "2026-02-10 12 sales\n2026-07-15 13 sales"),
                Map.entry("expect.eligible", "yes"), Map.entry("description", "assessors need 25 hours of CPD"))));

        String diff = api.get("qm", "/api/rules/candidates/" + joined).body().get("diff").asText();
        assertThat(diff).contains("changed eligibility/role-requirements.yaml").contains("salesCpdHours: 25")
                .contains("changed scenarios/eligibility.yaml").contains("hours: 13");
    }
}
