package org.qaflow.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.qaflow.support.ApiTestBase;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.*;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quality manager edits a decision table as a spreadsheet over real HTTP: downloads the .xlsx, changes it with POI as
 * Excel would, uploads it; a policy change refused by a scenario is fixed by adding the scenario change to the same
 * candidate. Nothing here is activated, so the shared application's rules stay as they are.
 */
class DecisionTableApiTest extends ApiTestBase {

    static final String CPD_TABLE = "eligibility/role-requirements.yaml";
    static final String SCENARIOS = "scenarios/eligibility.yaml";
    static final String CPD_SCENARIO = "A qualified assessor with enough sales CPD is eligible";

    @Test
    void cpd24To25InTheSpreadsheetIsRefusedByItsScenarioAndPassesWhenTheScenarioIsAmendedInTheSameCandidate()
            throws IOException {
        byte[] xlsx = download("qm", "/api/rules/tables/" + CPD_TABLE + ".xlsx");
        byte[] edited;
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("RoleRequirement");
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("Sales CPD hours");
            Row assessor = sheet.getRow(1);
            assertThat(assessor.getCell(0).getStringCellValue()).isEqualTo("ASSESSOR");
            assertThat(assessor.getCell(2).getNumericCellValue()).isEqualTo(24.0);
            assertThat(sheet.getDataValidations()).as("dropdowns and number checks").isNotEmpty();
            assessor.getCell(2).setCellValue(25);
            edited = bytes(book);
        }

        Response refused = upload("qm", "/api/rules/tables/" + CPD_TABLE, edited, "role-requirements.xlsx");

        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.body().get("title").asText()).isEqualTo("Rule set refused");
        assertThat(refused.body().get("diff").asText()).contains("salesCpdHours: 25");
        assertThat(refused.body().get("scenarioFailures").get(0).get("scenario").asText()).isEqualTo(CPD_SCENARIO);
        long first = refused.body().get("candidate").asLong();

        String scenarios = get("qm", "/api/rules/files/" + SCENARIOS).body().get("content").asText();
        String described = scenarios.replace("cpd: [{date: 2026-02-10, hours: 12, salesRelated: true}, "
                + "{date: 2026-07-15, hours: 12, salesRelated: true}]", "cpd: [{date: 2026-02-10, hours: 13, "
                + "salesRelated: true}, {date: 2026-07-15, hours: 12, salesRelated: true}]");
        assertThat(described).isNotEqualTo(scenarios);

        assertThat(putText("qm2", "/api/rules/candidates/" + first + "/files/" + SCENARIOS, described).status())
                .as("only the author adds to a candidate").isEqualTo(403);
        Response amended = putText("qm", "/api/rules/candidates/" + first + "/files/" + SCENARIOS, described);

        assertThat(amended.status()).as(amended.raw()).isEqualTo(201);
        long second = amended.body().get("candidate").asLong();
        assertThat(second).isNotEqualTo(first);
        assertThat(amended.body().get("status").asText()).isEqualTo("CANDIDATE");
        assertThat(amended.body().get("diff").asText()).contains("changed " + CPD_TABLE).contains("changed " + SCENARIOS);
        JsonNode old = get("qm", "/api/rules/candidates/" + first).body();
        assertThat(old.get("status").asText()).isEqualTo("REFUSED");
        assertThat(old.get("problems").asText()).contains("\"supersededBy\":" + second).contains(CPD_SCENARIO);
        assertThat(putText("qm", "/api/rules/candidates/" + first + "/files/" + SCENARIOS, described).status())
                .as("a superseded candidate takes no more changes").isEqualTo(409);

        // The table of the candidate is downloaded with its change, to be edited further.
        byte[] again = download("qm", "/api/rules/tables/" + CPD_TABLE + "?format=xlsx&candidate=" + second);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(again))) {
            assertThat(book.getSheet("RoleRequirement").getRow(1).getCell(2).getNumericCellValue()).isEqualTo(25.0);
        }
        assertThat(get("assessor", "/api/rules/version").body().get("version").asInt())
                .isEqualTo(old.get("basedOnVersion").asInt());
    }

    @Test
    void everyProblemOfASpreadsheetIsListedAtOnceBySheetRowAndColumn() throws IOException {
        byte[] xlsx = download("qm", "/api/rules/tables/" + CPD_TABLE + ".xlsx");
        byte[] edited;
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("RoleRequirement");
            sheet.getRow(1).getCell(2).setCellValue("lots");
            sheet.getRow(2).getCell(0).setCellValue("BOSS");
            sheet.getRow(2).removeCell(sheet.getRow(2).getCell(1));
            sheet.getRow(0).createCell(6).setCellValue("Colour");
            book.createSheet("Notes").createRow(0).createCell(0).setCellValue("my notes");
            edited = bytes(book);
        }

        Response r = upload("qm", "/api/rules/tables/" + CPD_TABLE, edited, "role-requirements.xlsx");

        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        List<String> problems = new ArrayList<>();
        r.body().get("problems").forEach(p -> problems.add(p.asText()));
        assertThat(problems).contains(
                "sheet RoleRequirement, row 2, column Sales CPD hours: 'lots' is not a number",
                "sheet RoleRequirement, row 3, column Role: 'BOSS' is not one of ASSESSOR, IQA",
                "sheet RoleRequirement, row 3, column Levels above qualification: the cell is empty; it needs a whole number",
                "sheet 'Notes' is not a table of " + CPD_TABLE + "; its sheets are RoleRequirement");
        assertThat(problems).anyMatch(p -> p.startsWith("sheet RoleRequirement, column G: 'Colour' is not a column"));
        assertThat(r.detail()).startsWith("5 problems: ");
    }

    @Test
    void aFileThatIsNotAnXlsxSpreadsheetIsA400NotA500() throws IOException {
        byte[] xlsx = download("qm", "/api/rules/tables/" + CPD_TABLE + ".xlsx");
        byte[] truncated = java.util.Arrays.copyOf(xlsx, xlsx.length / 2);

        for (byte[] bad : List.of("role,hours\nASSESSOR,25\n".getBytes(), truncated, new byte[0])) {
            Response r = upload("qm", "/api/rules/tables/" + CPD_TABLE, bad, "table.xlsx");
            assertThat(r.status()).as(r.raw()).isEqualTo(400);
            assertThat(r.detail()).containsAnyOf("is not an .xlsx spreadsheet", "is empty");
        }
    }

    @Test
    void onlyAQualityManagerSeesOrChangesTheTables() {
        assertThat(get("provider", "/api/rules/tables").status()).isEqualTo(403);
        assertThat(exchangeBytes("assessor", "/api/rules/tables/" + CPD_TABLE + ".xlsx").getStatusCode().value())
                .isEqualTo(403);
        assertThat(upload("eqa", "/api/rules/tables/" + CPD_TABLE, new byte[]{1}, "t.xlsx").status()).isEqualTo(403);

        JsonNode tables = get("qm", "/api/rules/tables").body();
        List<String> paths = new ArrayList<>();
        tables.forEach(t -> paths.add(t.get("path").asText()));
        assertThat(paths).contains(CPD_TABLE, "sampling/eqa-sample-size.yaml", "claims/direct-claim.yaml")
                .doesNotContain(SCENARIOS, "eligibility/cpd.drl");
        JsonNode table = get("qm", "/api/rules/tables/" + CPD_TABLE).body();
        assertThat(table.get("sheets").get(0).get("rows").get(0).get("salesCpdHours").asDouble()).isEqualTo(24.0);
    }

    private byte[] download(String user, String path) {
        ResponseEntity<byte[]> r = exchangeBytes(user, path);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getHeaders().getContentType().toString()).contains("spreadsheetml");
        assertThat(r.getHeaders().getContentDisposition().getFilename()).endsWith(".xlsx");
        return r.getBody();
    }

    private ResponseEntity<byte[]> exchangeBytes(String user, String path) {
        return http.withBasicAuth(user, PASSWORD).exchange(URI.create("http://localhost:" + port + path),
                HttpMethod.GET, HttpEntity.EMPTY, byte[].class);
    }

    private Response upload(String user, String path, byte[] content, String name) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        ResponseEntity<String> r = http.withBasicAuth(user, PASSWORD).exchange(
                URI.create("http://localhost:" + port + path), HttpMethod.POST, new HttpEntity<>(form, headers),
                String.class);
        return new Response(r.getStatusCode().value(), readJson(r.getBody()), r.getBody());
    }

    private Response putText(String user, String path, String text) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.TEXT_PLAIN);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        ResponseEntity<String> r = http.withBasicAuth(user, PASSWORD).exchange(
                URI.create("http://localhost:" + port + path), HttpMethod.PUT, new HttpEntity<>(text, headers),
                String.class);
        return new Response(r.getStatusCode().value(), readJson(r.getBody()), r.getBody());
    }

    private JsonNode readJson(String body) {
        try {
            return body == null || body.isBlank() ? json.nullNode() : json.readTree(body);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(body);
        }
    }

    private static byte[] bytes(XSSFWorkbook book) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        book.write(out);
        return out.toByteArray();
    }
}
