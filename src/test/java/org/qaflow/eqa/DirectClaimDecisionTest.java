package org.qaflow.eqa;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.ApiTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quality manager confirms or overrules what the rules recommend for a centre's direct claim status: overruling
 * needs a reason, and every decision is kept with the recommendation it followed or overruled. A centre of its own,
 * with no visits yet, so the rules recommend no status and the sample centres stay as they are for other tests.
 */
class DirectClaimDecisionTest extends ApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    private String newCentre(String code) {
        jdbc.update("insert into centre (code, name, direct_claim_status, risk_rating, eqa_username) "
                + "values (?, 'Decision Test College', false, 'LOW', 'eqa2')", code);
        return code;
    }

    private boolean hasStatus(String code) {
        return jdbc.queryForObject("select direct_claim_status from centre where code = ?", Boolean.class, code);
    }

    @Test
    void overrulingTheRulesNeedsAReasonAndEveryDecisionIsKeptWithTheRecommendation() {
        String code = newCentre("DCD01");
        JsonNode recommended = get("qm", "/api/centres/" + code + "/direct-claim").body();
        assertThat(recommended.get("recommendation").asText()).isEqualTo("NONE");
        assertThat(recommended.get("reasons").toString()).contains("consecutive satisfactory EQA visits");

        Response bare = put("qm", "/api/centres/" + code + "/direct-claim", Map.of("granted", true));
        assertThat(bare.status()).as(bare.raw()).isEqualTo(400);
        assertThat(bare.detail()).contains("reason is missing").contains(code).contains("overrules the rules")
                .contains("recommend none");
        assertThat(put("qm", "/api/centres/" + code + "/direct-claim", Map.of("granted", true, "reason", " "))
                .status()).isEqualTo(400);
        assertThat(hasStatus(code)).isFalse();
        assertThat(get("qm", "/api/centres/" + code + "/direct-claim/decisions").body()).isEmpty();

        Response confirmed = put("qm", "/api/centres/" + code + "/direct-claim", Map.of("granted", false));
        assertThat(confirmed.status()).as("confirming needs no reason: " + confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.body().get("directClaimStatus").asBoolean()).isFalse();

        Response overruled = put("qm", "/api/centres/" + code + "/direct-claim",
                Map.of("granted", true, "reason", "merged into Northbridge, whose record it takes over"));
        assertThat(overruled.status()).as(overruled.raw()).isEqualTo(200);
        assertThat(overruled.body().get("directClaimStatus").asBoolean()).isTrue();
        assertThat(hasStatus(code)).isTrue();

        Response decisions = get("eqa2", "/api/centres/" + code + "/direct-claim/decisions");
        assertThat(decisions.status()).as(decisions.raw()).isEqualTo(200);
        assertThat(decisions.body()).hasSize(2);
        JsonNode latest = decisions.body().get(0);
        assertThat(latest.get("granted").asBoolean()).isTrue();
        assertThat(latest.get("recommendation").asText()).isEqualTo("NONE");
        assertThat(latest.get("overruled").asBoolean()).isTrue();
        assertThat(latest.get("reason").asText()).isEqualTo("merged into Northbridge, whose record it takes over");
        assertThat(latest.get("decidedBy").asText()).isEqualTo("qm");
        assertThat(latest.get("ruleSetVersion").asInt()).isEqualTo(recommended.get("ruleSetVersion").asInt());
        JsonNode first = decisions.body().get(1);
        assertThat(first.get("granted").asBoolean()).isFalse();
        assertThat(first.get("overruled").asBoolean()).isFalse();
        assertThat(first.get("reason").isNull()).isTrue();

        assertThat(get("eqa", "/api/centres/" + code + "/direct-claim/decisions").status())
                .as("not the centre's EQA").isEqualTo(403);
        assertThat(get("provider", "/api/centres/" + code + "/direct-claim/decisions").status()).isEqualTo(403);
    }
}
