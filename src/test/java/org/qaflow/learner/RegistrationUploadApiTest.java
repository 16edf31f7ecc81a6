package org.qaflow.learner;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;
import org.qaflow.support.SpreadsheetFiles;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Registering over the API: every problem at once in a centre administrator's words; uploads as CSV or XLSX. */
class RegistrationUploadApiTest extends JourneyTestBase {

    private static final String AWARD = "610/3751/5"; // Level 4 Award in Developing Commercial and Financial Acumen
    private static final String AWARD_TITLE = "Level 4 Award in Developing Commercial and Financial Acumen";

    @Test
    void anEmptyRegistrationIsToldEveryMissingFieldAtOnceInWords() {
        Response empty = post("provider", "/api/claims", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        empty.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("firstName", "lastName", "dateOfBirth", "uln", "qualification", "assessor");
        assertThat(empty.detail()).contains("Enter the learner's first name").contains("Enter the learner's date of birth")
                .contains("Choose a qualification").contains("Choose the learner's assessor")
                .doesNotContain("not in the catalogue");
    }

    @Test
    void anUnderAgeLearnerAndAnOverLongNameAreBothReportedWithoutNegativeAges() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "A".repeat(300));
        body.put("lastName", "Young");
        body.put("dateOfBirth", today().minusYears(16).toString());
        body.put("uln", newUln());
        body.put("qualification", AWARD);
        body.put("assessor", "assessor");
        Response refused = post("provider", "/api/claims", body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(errors(refused.body())).containsEntry("dateOfBirth",
                        "The learner must be at least 18 on the registration date: born on "
                                + today().minusYears(16) + ", they are 16 on " + today())
                .containsKey("firstName");
        assertThat(errors(refused.body()).get("firstName")).contains("at most 100 characters");

        body.put("dateOfBirth", today().plusYears(3).toString());
        body.put("firstName", "Yet");
        Response unborn = post("provider", "/api/claims", body);
        assertThat(unborn.status()).isEqualTo(400);
        assertThat(unborn.detail()).doesNotContain("is -");
    }

    @Test
    void aCsvWithHumanHeadingsUkDatesAndAQualificationTitleRegistersEveryRow() {
        String first = newUln();
        String second = newUln();
        String csv = "First name,Last name,Date of birth,ULN,Qualification,Units,Assessor\r\n"
                + "Ada,Lovelace,10/12/1990," + first + "," + AWARD_TITLE + ",,Asha Patel\r\n"
                + "Charles,Babbage,1991-12-26," + second + "," + AWARD.replace('/', '-') + ",,assessor\r\n";
        Response imported = upload("/api/claims/upload", "learners.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        assertThat(imported.body().get("claimIds")).hasSize(2);
        assertThat(jdbc.queryForObject("select date_of_birth from learner where uln = ?", LocalDate.class, first))
                .as("10/12/1990 is the tenth of December, day first").isEqualTo(LocalDate.of(1990, 12, 10));
        assertThat(jdbc.queryForObject("select c.qan from claim c join learner l on l.id = c.learner_id where l.uln = ?",
                String.class, first)).isEqualTo(AWARD);
    }

    @Test
    void anXlsxWithSnakeCaseHeadingsDateCellsAndNumericUlnsRegistersEveryRow() {
        long uln = Long.parseLong(newUln());
        byte[] xlsx = SpreadsheetFiles.xlsx(List.of("first_name", "LAST NAME", "dateOfBirth", "uln", "qualification",
                "assessor"), List.of(List.of("Grace", "Hopper", LocalDate.of(1986, 12, 9), uln, AWARD, "assessor")));
        Response imported = upload("/api/claims/upload", "learners.xlsx", xlsx);
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select date_of_birth from learner where uln = ?", LocalDate.class,
                String.valueOf(uln))).isEqualTo(LocalDate.of(1986, 12, 9));
    }

    @Test
    void aFileWithProblemsInSeveralRowsReportsEveryProblemAndImportsNothing() {
        String good = newUln();
        String bad = newUln();
        String csv = "First name,Last name,Date of birth,ULN,Qualification,Units,Assessor\r\n"
                + "Good,Row,01/02/1990," + good + "," + AWARD + ",,assessor\r\n"
                + ",Nameless,31/02/1990,123," + AWARD + ",,assessor\r\n"
                + "Third,Row,01/02/1990," + bad + ",,,nobody\r\n";
        Response refused = upload("/api/claims/upload", "learners.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        List<String> where = new ArrayList<>();
        refused.body().get("errors").forEach(e -> where.add(e.get("row").asInt() + " " + e.get("column").asText()));
        assertThat(where).contains("3 First name", "3 Date of birth", "3 ULN", "4 Qualification", "4 Assessor");
        assertThat(refused.detail()).contains("Nothing was imported").contains("Row 3, Date of birth")
                .contains("'31/02/1990' is not a date").contains("Row 4, Qualification: Choose a qualification");
        assertThat(jdbc.queryForObject("select count(*) from learner where uln in (?, ?)", Integer.class, good, bad))
                .as("the good row of a refused file is not imported").isZero();
    }

    @Test
    void aFileWithAnUnknownHeadingSaysWhichColumnsThereAre() {
        Response refused = upload("/api/claims/upload", "learners.csv",
                "Name,Birthday\r\nAda,1990-01-01\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).contains("\"Name\" is not one this upload reads")
                .contains("First name, Last name, Date of birth, ULN, Qualification, Units, Assessor");
    }

    private static Map<String, String> errors(JsonNode problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        problem.get("errors").forEach(e -> errors.merge(e.get("field").asText(), e.get("message").asText(),
                (a, b) -> a + "; " + b));
        return errors;
    }

    private Response upload(String path, String filename, byte[] content) {
        var response = http.withBasicAuth("provider", PASSWORD).postForEntity("http://localhost:" + port + path,
                SpreadsheetFiles.multipart(filename, content), String.class);
        JsonNode body;
        try {
            body = json.readTree(response.getBody());
        } catch (Exception e) {
            body = json.getNodeFactory().textNode(String.valueOf(response.getBody()));
        }
        return new Response(response.getStatusCode().value(), body, response.getBody());
    }
}
