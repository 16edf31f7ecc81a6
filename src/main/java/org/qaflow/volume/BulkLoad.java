package org.qaflow.volume;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The part of the fixture that no engine needs to hold: centres, staff (with qualifications and CPD), their logins,
 * a past satisfactory EQA visit per centre, and the finished claims (certificated or withdrawn), written with JDBC
 * batches in the shape the services write them. A finished claim's processes are over, and the engine deletes finished
 * process instances, so these claims carry process ids the engine no longer knows, exactly as real finished claims do
 * (and, being finished or carrying a process id, are not adopted by workflow/ClaimProcessAdoption at start-up).
 * Per-criterion evidence is not written for finished claims: units, decisions and timeline are.
 */
@Component
class BulkLoad {

    private static final Logger log = LoggerFactory.getLogger(BulkLoad.class);
    private static final int CHUNK = 2_000;
    static final String CENTRE_PREFIX = "V";

    static final String[] FIRST = {"Amira", "Ben", "Chen", "Dara", "Elif", "Finn", "Grace", "Hugo", "Ines",
            "Jonas", "Kemi", "Liam", "Maya", "Nikhil", "Orla", "Pavel", "Quinn", "Rosa", "Sami", "Tara", "Umar",
            "Vera", "Wes", "Yara", "Zoe"};
    static final String[] LAST = {"Adams", "Bose", "Cruz", "Doyle", "Evans", "Fischer", "Gill", "Hart",
            "Ito", "Jones", "Kowalski", "Lopez", "Mensah", "Novak", "Okafor", "Patel", "Reid", "Silva", "Turner",
            "Usman", "Varga", "Walsh", "Young", "Zhou"};
    private static final Duration DAY = Duration.ofDays(1);
    private static final String[] RISK = {"LOW", "MEDIUM", "HIGH"};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    BulkLoad(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A fixture centre as written: its code, id, provider login, assessors' and IQAs' staff ids and logins. */
    record FixtureCentre(String code, long id, String provider, List<Long> assessorIds, List<String> assessors,
                         List<String> iqas, boolean directClaimStatus) {
    }

    static String centreCode(int n) {
        return String.format("%s%04d", CENTRE_PREFIX, n);
    }

    boolean alreadyLoaded() {
        return jdbc.queryForObject("select count(*) from centre where code = ?", Integer.class, centreCode(1)) > 0;
    }

    /** Centres, EQAs, staff and logins; returns the centres in order. */
    List<FixtureCentre> organisation(VolumeSettings settings, Random random) {
        LocalDate today = LocalDate.now(clock);
        // Every demo account shares one BCrypt hash of "demo" (sampledata): the fixture's logins use it too.
        String hash = jdbc.queryForObject("select min(password_hash) from app_user", String.class);
        List<String> qualifications = jdbc.queryForList("select qan from qualification order by position", String.class);
        List<FixtureCentre> centres = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            long centreId = nextId("centre");
            long staffId = nextId("staff_member");
            long cpdId = nextId("staff_cpd");
            long visitId = nextId("eqa_visit");
            int eqas = Math.max(1, settings.centres() / 20);
            List<Object[]> users = new ArrayList<>();
            for (int e = 1; e <= eqas; e++) {
                users.add(new Object[]{String.format("veqa%02d", e), hash, "EQA", "Volume EQA " + e, null});
            }
            List<Object[]> centreRows = new ArrayList<>(), approvals = new ArrayList<>(), visits = new ArrayList<>(),
                    staffRows = new ArrayList<>(), heldRows = new ArrayList<>(), cpdRows = new ArrayList<>();
            for (int c = 1; c <= settings.centres(); c++) {
                long id = centreId++;
                String code = centreCode(c);
                boolean direct = c % 3 == 0;
                String eqa = String.format("veqa%02d", (c - 1) % eqas + 1);
                centreRows.add(new Object[]{id, code, "Volume Centre " + c, direct, RISK[c % 3], eqa});
                for (String qan : qualifications) {
                    approvals.add(new Object[]{id, qan, Date.valueOf(today.minusYears(3)), "volume fixture"});
                }
                LocalDate visited = today.minusDays(30 + random.nextInt(270));
                visits.add(new Object[]{visitId++, id, eqa, Date.valueOf(visited), Date.valueOf(visited),
                        "SATISFACTORY", "Visit of the volume fixture: decisions sampled were valid and sufficient."});
                String provider = code.toLowerCase() + "p";
                users.add(new Object[]{provider, hash, "PROVIDER", "Volume Centre " + c + " administrator", id});
                List<Long> assessorIds = new ArrayList<>();
                List<String> assessors = new ArrayList<>(), iqas = new ArrayList<>();
                for (int s = 1; s <= settings.assessorsPerCentre() + settings.iqasPerCentre(); s++) {
                    boolean assessor = s <= settings.assessorsPerCentre();
                    String username = code.toLowerCase() + (assessor ? "a" : "i")
                            + String.format("%02d", assessor ? s : s - settings.assessorsPerCentre());
                    String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
                    long sid = staffId++;
                    // Qualified and in date, as the eligibility rules want (rules/eligibility), so they may act.
                    staffRows.add(new Object[]{sid, id, username, name, assessor ? "ASSESSOR" : "IQA",
                            5 + random.nextInt(2), true});
                    heldRows.add(new Object[]{sid, assessor ? "L3_CAVA" : "L4_IQA_AWARD", "HELD",
                            Date.valueOf(today.minusYears(2 + random.nextInt(5)))});
                    cpdRows.add(new Object[]{cpdId++, sid, Date.valueOf(today.minusDays(20 + random.nextInt(150))),
                            14, true, "Sales practice workshop"});
                    cpdRows.add(new Object[]{cpdId++, sid, Date.valueOf(today.minusDays(180 + random.nextInt(150))),
                            12, true, "Assessment practice update"});
                    users.add(new Object[]{username, hash, assessor ? "ASSESSOR" : "IQA", name, id});
                    if (assessor) {
                        assessorIds.add(sid);
                        assessors.add(username);
                    } else {
                        iqas.add(username);
                    }
                }
                centres.add(new FixtureCentre(code, id, provider, assessorIds, assessors, iqas, direct));
            }
            jdbc.batchUpdate("insert into centre (id, code, name, direct_claim_status, risk_rating, eqa_username) "
                    + "values (?, ?, ?, ?, ?, ?)", centreRows);
            jdbc.batchUpdate("insert into centre_qualification (centre_id, qan, approved_on, approved_by) "
                    + "values (?, ?, ?, ?)", approvals);
            jdbc.batchUpdate("insert into eqa_visit (id, centre_id, eqa_username, planned_for, visited_on, outcome, "
                    + "report, status, remote) values (?, ?, ?, ?, ?, ?, ?, 'COMPLETED', false)", visits);
            jdbc.batchUpdate("insert into staff_member (id, centre_id, username, name, role, "
                    + "occupational_competence_level, sales_leadership_competence) values (?, ?, ?, ?, ?, ?, ?)",
                    staffRows);
            jdbc.batchUpdate("insert into staff_qualification (staff_id, code, status, since) values (?, ?, ?, ?)",
                    heldRows);
            jdbc.batchUpdate("insert into staff_cpd (id, staff_id, activity_date, hours, sales_related, description) "
                    + "values (?, ?, ?, ?, ?, ?)", cpdRows);
            jdbc.batchUpdate("insert into app_user (username, password_hash, role, display_name, centre_id, enabled) "
                    + "values (?, ?, ?, ?, ?, true)", users);
            restartIdentity("centre", centreId);
            restartIdentity("staff_member", staffId);
            restartIdentity("staff_cpd", cpdId);
            restartIdentity("eqa_visit", visitId);
        });
        log.info("volume fixture: {} centres, {} staff and their logins written", centres.size(),
                centres.size() * (settings.assessorsPerCentre() + settings.iqasPerCentre()));
        return centres;
    }

    /**
     * Finished claims, spread over the centres: nine in ten certificated, one in ten withdrawn part-way. Returns how
     * many of each were written.
     */
    Map<String, Integer> finishedClaims(List<FixtureCentre> centres, int count, Random random) {
        Map<String, List<String>> fixedUnits = new LinkedHashMap<>();
        jdbc.query("select qan, unit_ref from qualification_unit order by qan, position",
                rs -> { fixedUnits.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)); });
        List<String> qans = new ArrayList<>(fixedUnits.keySet());
        Instant now = Instant.now(clock);
        int[] totals = new int[2];
        for (int from = 0; from < count; from += CHUNK) {
            int size = Math.min(CHUNK, count - from);
            int first = from;
            transaction.executeWithoutResult(status -> {
                long learnerId = nextId("learner"), claimId = nextId("claim"), unitId = nextId("claim_unit"),
                        decisionId = nextId("assessment_decision"), eventId = nextId("claim_event");
                List<Object[]> learners = new ArrayList<>(), claims = new ArrayList<>(), units = new ArrayList<>(),
                        decisions = new ArrayList<>(), events = new ArrayList<>();
                for (int n = 0; n < size; n++) {
                    FixtureCentre centre = centres.get((first + n) % centres.size());
                    int a = random.nextInt(centre.assessors().size());
                    String qan = qans.get(random.nextInt(qans.size()));
                    long learner = learnerId++, claim = claimId++;
                    String firstName = name(random, FIRST), lastName = name(random, LAST);
                    learners.add(new Object[]{learner, centre.id(), firstName, lastName,
                            Date.valueOf(LocalDate.of(1960 + random.nextInt(40), 1 + random.nextInt(12),
                                    1 + random.nextInt(28))), String.format("8%09d", first + n)});
                    Instant registered = now.minus(DAY.multipliedBy(60 + random.nextInt(900)));
                    boolean withdraw = random.nextInt(10) == 0;
                    Instant ended = registered.plus(DAY.multipliedBy(20 + random.nextInt(40)));
                    String number = withdraw ? null
                            : String.format("QF-%d-%06d", ended.atZone(ZoneOffset.UTC).getYear(), claim);
                    claims.add(new Object[]{claim, learner, centre.id(), qan, centre.assessorIds().get(a),
                            withdraw ? "WITHDRAWN" : "CERTIFICATE_ISSUED", ts(registered), centre.provider(), number,
                            withdraw ? null : ts(ended), uuid(random)});
                    List<String> refs = fixedUnits.get(qan);
                    for (int u = 0; u < refs.size(); u++) {
                        boolean verified = !withdraw || u < refs.size() / 2;
                        Instant signedOff = registered.plus(DAY.multipliedBy(5 + u));
                        long unit = unitId++;
                        units.add(new Object[]{unit, claim, refs.get(u), verified ? "VERIFIED" : "AWAITING_ASSESSMENT",
                                uuid(random), verified ? ts(signedOff) : null,
                                verified ? ts(signedOff.plus(DAY)) : null});
                        if (verified) {
                            boolean sampled = random.nextInt(4) == 0;
                            String iqa = centre.iqas().get(random.nextInt(centre.iqas().size()));
                            decisions.add(new Object[]{decisionId++, unit, centre.assessorIds().get(a), ts(signedOff),
                                    sampled, sampled ? "sampled: 25% of the assessor's decisions" : null,
                                    sampled ? iqa : null, sampled ? "ACCEPTED" : null,
                                    sampled ? ts(signedOff.plus(DAY)) : null});
                        }
                    }
                    events.add(new Object[]{eventId++, claim, ts(registered), centre.provider(), "registered",
                            firstName + " " + lastName + " on " + qan + " with units " + refs});
                    events.add(new Object[]{eventId++, claim, ts(registered), "rules", "assessor assigned",
                            centre.assessors().get(a)});
                    events.add(withdraw
                            ? new Object[]{eventId++, claim, ts(ended), centre.provider(), "learner withdrawn",
                            "Left the employer's programme"}
                            : new Object[]{eventId++, claim, ts(ended), "workflow", "certificate issued",
                            number + ": every unit verified, the rules of combination met"});
                    totals[withdraw ? 1 : 0]++;
                }
                jdbc.batchUpdate("insert into learner (id, centre_id, first_name, last_name, date_of_birth, uln) "
                        + "values (?, ?, ?, ?, ?, ?)", learners);
                jdbc.batchUpdate("insert into claim (id, learner_id, centre_id, qan, assessor_id, status, "
                        + "registered_at, registered_by, certificate_number, certificate_issued_at, "
                        + "process_instance_id, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", claims);
                jdbc.batchUpdate("insert into claim_unit (id, claim_id, unit_ref, status, process_instance_id, "
                        + "signed_off_at, verified_at) values (?, ?, ?, ?, ?, ?, ?)", units);
                jdbc.batchUpdate("insert into assessment_decision (id, claim_unit_id, assessor_id, decided_at, "
                        + "simulated_evidence, sampled, sampling_reasons, rule_set_version, iqa_username, iqa_outcome, "
                        + "iqa_decided_at) values (?, ?, ?, ?, false, ?, ?, '1', ?, ?, ?)", decisions);
                jdbc.batchUpdate("insert into claim_event (id, claim_id, occurred_at, actor, what, detail) "
                        + "values (?, ?, ?, ?, ?, ?)", events);
                restartIdentity("learner", learnerId);
                restartIdentity("claim", claimId);
                restartIdentity("claim_unit", unitId);
                restartIdentity("assessment_decision", decisionId);
                restartIdentity("claim_event", eventId);
            });
            if ((from / CHUNK) % 10 == 9) {
                log.info("volume fixture: {} of {} finished claims written", from + size, count);
            }
        }
        return Map.of("CERTIFICATE_ISSUED", totals[0], "WITHDRAWN", totals[1]);
    }

    private long nextId(String table) {
        return jdbc.queryForObject("select coalesce(max(id), 0) + 1 from " + table, Long.class);
    }

    /** Rows were written with explicit ids: the identity column carries on after them (H2 and PostgreSQL). */
    private void restartIdentity(String table, long next) {
        jdbc.execute("alter table " + table + " alter column id restart with " + next);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    static String name(Random random, String[] names) {
        return names[random.nextInt(names.length)];
    }

}
