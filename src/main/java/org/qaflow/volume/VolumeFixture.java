package org.qaflow.volume;

import org.qaflow.workflow.EqaCoverage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The data-volume fixture (docs/load-test.md): with {@code --qaflow.volume.claims=N} the application, once started on
 * its database (H2 or PostgreSQL, the usual settings), fills it with a large awarding organisation and checks what it
 * wrote: {@code java -jar target/qaflow.jar --qaflow.volume.claims=100000 --qaflow.volume.exit=true}. A database that
 * already holds the fixture is only checked.
 */
@Component
@ConditionalOnProperty(prefix = "qaflow.volume", name = "claims")
@EnableConfigurationProperties(VolumeSettings.class)
public class VolumeFixture implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(VolumeFixture.class);

    private final VolumeSettings settings;
    private final BulkLoad bulk;
    private final OpenWork openWork;
    private final EqaCoverage eqaCoverage;
    private final JdbcTemplate jdbc;
    private final ConfigurableApplicationContext context;
    private Report report;

    VolumeFixture(VolumeSettings settings, BulkLoad bulk, OpenWork openWork, EqaCoverage eqaCoverage,
                  JdbcTemplate jdbc, ConfigurableApplicationContext context) {
        this.settings = settings;
        this.bulk = bulk;
        this.openWork = openWork;
        this.eqaCoverage = eqaCoverage;
        this.jdbc = jdbc;
        this.context = context;
    }

    /**
     * What the fixture made (generated: null when it found the fixture already there) and what the database holds
     * afterwards: claims per status, open tasks per task name, over the whole database (sample data included).
     */
    public record Report(Map<String, Integer> generated, int openClaimsRegistered, Map<String, Integer> claimsByStatus,
                         Map<String, Integer> openTasksByName, int openTasks, long millis) {
    }

    public Report report() {
        return report;
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.currentTimeMillis();
        Map<String, Integer> generated = null;
        int open = 0;
        if (bulk.alreadyLoaded()) {
            log.info("volume fixture: centre {} exists, so the fixture is already loaded: checking only",
                    BulkLoad.centreCode(1));
        } else {
            Random random = new Random(settings.seed());
            List<BulkLoad.FixtureCentre> centres = bulk.organisation(settings, random);
            // The new centres get their next yearly visit scheduled now, as a start-up would (their last visit was
            // satisfactory and recent, so none opens yet).
            eqaCoverage.coverEveryCentre();
            long openStart = System.currentTimeMillis();
            open = openWork.create(centres, settings.openTasks(), settings.claims(), random);
            log.info("volume fixture: {} open claims registered through the services in {} s, {} open tasks", open,
                    (System.currentTimeMillis() - openStart) / 1000, openWork.openTasks());
            long bulkStart = System.currentTimeMillis();
            generated = new TreeMap<>(bulk.finishedClaims(centres, settings.claims() - open, random));
            log.info("volume fixture: {} finished claims bulk-loaded in {} s", settings.claims() - open,
                    (System.currentTimeMillis() - bulkStart) / 1000);
        }
        report = new Report(generated, open, countBy("select status, count(*) from claim group by status"),
                countBy("select task_name, count(*) from task_inbox group by task_name"), openWork.openTasks(),
                System.currentTimeMillis() - start);
        log.info("volume fixture: done in {} s; claims by status {}; open tasks {} by name {}", report.millis() / 1000,
                report.claimsByStatus(), report.openTasks(), report.openTasksByName());
        if (generated != null) {
            check(generated);
        }
        if (settings.exit()) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }

    /** The finished claims written must all be there: the bulk load wrote what it says. */
    private void check(Map<String, Integer> generated) {
        int fixtureClaims = jdbc.queryForObject("select count(*) from claim c join centre x on x.id = c.centre_id "
                + "where x.code like '" + BulkLoad.CENTRE_PREFIX + "%'", Integer.class);
        int expected = generated.values().stream().mapToInt(Integer::intValue).sum() + report.openClaimsRegistered();
        if (fixtureClaims != expected || fixtureClaims != settings.claims()) {
            throw new IllegalStateException("volume fixture: " + fixtureClaims + " claims at the fixture's centres, "
                    + "but " + expected + " written (" + settings.claims() + " asked for)");
        }
        generated.forEach((status, count) -> {
            if (report.claimsByStatus().getOrDefault(status, 0) < count) {
                throw new IllegalStateException("volume fixture: " + count + " claims written as " + status
                        + " but the database holds " + report.claimsByStatus().get(status));
            }
        });
    }

    private Map<String, Integer> countBy(String sql) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.query(sql, rs -> { counts.put(rs.getString(1), rs.getInt(2)); });
        return new TreeMap<>(counts);
    }
}
