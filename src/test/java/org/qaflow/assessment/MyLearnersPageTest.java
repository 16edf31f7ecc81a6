package org.qaflow.assessment;

import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;
import org.qaflow.support.PageSession;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The assessor's "My learners" is paged in the database: 20 units a page, those waiting on the assessor first. */
class MyLearnersPageTest extends JourneyTestBase {

    private static final Pattern ROW = Pattern.compile("<a href=\"/assessor/claims/(\\d+)/units/([^\"]+)\">(Assess|View)</a>");
    private static final String UNITS_OF_ASSESSOR = """
            select count(*) from claim_unit u join claim c on c.id = u.claim_id
            join staff_member s on s.id = c.assessor_id where s.username = 'assessor'""";

    @Test
    void everyUnitOfTheAssessorsLearnersIsOnExactlyOnePageWaitingOnesFirst() throws Exception {
        // More than one page, whatever other tests left: the Award has one unit.
        long total = jdbc.queryForObject(UNITS_OF_ASSESSOR, Long.class);
        for (long i = total; i < 25; i++) {
            registered("provider", "610/3751/5", "assessor");
        }
        long signedOff = registered("provider", "610/3751/5", "assessor");
        assessAndSignOff("assessor", signedOff, "L4B1");
        total = jdbc.queryForObject(UNITS_OF_ASSESSOR, Long.class);
        long pages = (total + 19) / 20;

        PageSession assessor = PageSession.loggedIn(port, "assessor");
        List<String> seen = new ArrayList<>();
        boolean viewing = false;
        for (int page = 1; page <= pages; page++) {
            String body = assessor.get("/assessor?page=" + page).body();
            assertThat(body).contains("Page " + page + " of " + pages).contains(total + " units of your learners");
            Matcher row = ROW.matcher(body);
            int rows = 0;
            while (row.find()) {
                rows++;
                seen.add(row.group(1) + "/" + row.group(2));
                if (row.group(3).equals("View")) {
                    viewing = true;
                } else {
                    assertThat(viewing).as("units waiting on the assessor come before the others").isFalse();
                }
            }
            assertThat(rows).as("page " + page).isEqualTo(page < pages ? 20 : (int) (total - 20 * (pages - 1)));
        }
        assertThat(seen).doesNotHaveDuplicates().hasSize((int) total).contains(signedOff + "/L4B1");
        assertThat(viewing).as("the signed-off unit is shown as View").isTrue();
    }
}
