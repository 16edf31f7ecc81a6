package org.qaflow.security;

import org.junit.jupiter.api.Test;
import org.qaflow.support.ApiTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTest extends ApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void apiCallsWithoutLoginAreRefusedWith401AsProblemDetails() {
        Response response = get(null, "/api/units");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.detail()).contains("Log in");
    }

    @Test
    void aWrongPasswordIsRefused() {
        var response = http.withBasicAuth("qm", "not-demo").getForEntity("/api/units", String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void everyDemoAccountCanReadTheCatalogue() {
        for (String user : new String[] {"qm", "eqa", "provider", "assessor", "iqa"}) {
            assertThat(get(user, "/api/qualifications").status()).as(user).isEqualTo(200);
        }
    }

    @Test
    void healthAndApiDocsAnswerWithoutLogin() {
        assertThat(get(null, "/actuator/health").body().get("status").asText()).isEqualTo("UP");
        Response docs = get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().at("/paths").has("/api/units/{ref}")).isTrue();
        assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void demoPasswordsAreStoredHashed() {
        String hash = jdbc.queryForObject("select password_hash from app_user where username = 'qm'", String.class);
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("demo");
    }

    @Test
    void theProcessEnginesGeneratedEndpointsCannotBeReached() {
        // They take user and group as query parameters; reachable, they would let anyone act as anyone.
        assertThat(get("provider", "/usertasks/instance?user=eqa&group=EQA").status()).isEqualTo(403);
        assertThat(get(null, "/usertasks/instance?user=eqa").status()).isIn(401, 403);
    }
}
