package org.qaflow.task;

import org.qaflow.problem.BadRequestException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The open work items as qaflow keeps them (task_inbox), written from the engine's user-task events in the engine's
 * own transaction and read with database paging: listing a user's tasks never reads the engine's task store.
 * Visibility is the engine's: a task is someone's when they hold it, or when it is offered to them by name or by one of
 * their groups and nobody holds it yet; an excluded user never sees it.
 */
@Component
public class TaskInbox {

    /** What may be sorted on, by the names the API takes. */
    private static final Map<String, String> SORTABLE = Map.of(
            "created", "created_at", "due", "due_at", "name", "task_name", "claim", "claim_id");

    /**
     * A task is the user's when they hold it, or when nobody does and it is offered to them or to one of their groups,
     * unless they are excluded. The three branches are disjoint (held; offered to the user; offered only to one of their
     * groups), so they are joined without removing duplicates, and each reads one index (holder, or the party's kind
     * and name): the cost follows the user's own tasks, not the open tasks in the system. Holder is the owner when the
     * owner may see the task (the engine's exclusions apply to its holder too), so held tasks need no exclusion check.
     */
    private static final String HELD = "select o.* from task_inbox o where o.holder = :user";
    private static final String EXCLUSION = " and (o.excludes_anyone = false or not exists (select 1"
            + " from task_inbox_party x where x.task_id = o.task_id and x.kind = 'EXCLUDED' and x.name = :user))";
    private static final List<String> BRANCHES = List.of(
            HELD,
            "select o.* from task_inbox_party u join task_inbox o on o.task_id = u.task_id"
                    + " where u.kind = 'USER' and u.name = :user and o.owner is null" + EXCLUSION,
            "select o.* from task_inbox o where o.task_id in (select g.task_id from task_inbox_party g"
                    + " where g.kind = 'GROUP' and g.name in (:groups)) and o.owner is null and not exists (select 1"
                    + " from task_inbox_party y where y.task_id = o.task_id and y.kind = 'USER' and y.name = :user)"
                    + EXCLUSION);
    private static final String VISIBLE = " from (" + String.join(" union all ", BRANCHES) + ") t where 1 = 1";
    /** How many tasks are the user's, branch by branch without gathering the rows (held ones on the holder index). */
    private static final String COUNT_VISIBLE = "select " + BRANCHES.stream()
            .map(b -> "(select count(*) from (" + b + ") b)").collect(Collectors.joining(" + "));

    private static final String COLUMNS = "select t.task_id, t.task_name, t.name_in_words, t.status, t.owner, t.claim_id,"
            + " t.claim_unit_id, t.unit_ref, t.visit_id, t.centre_code, t.created_at, t.due_at,"
            + " (select l.first_name || ' ' || l.last_name from claim c join learner l on l.id = c.learner_id"
            + " where c.id = t.claim_id) as learner";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    /** Writes what the transaction holds back for the inbox until its commit (see beforeEachRead). */
    private volatile Runnable beforeRead = () -> { };

    public TaskInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * For the writer that holds this transaction's changes back until the commit: run before every read, so that a
     * read in the same transaction sees them.
     */
    public void beforeEachRead(Runnable writeWaiting) {
        this.beforeRead = writeWaiting;
    }

    /** One open task as the engine describes it, with what it works on resolved to claim, unit, visit and centre. */
    public record Entry(String taskId, String taskName, String nameInWords, Long claimId, Long claimUnitId,
                        String unitRef, Long visitId, String centre, String owner, String status, Instant dueAt,
                        Set<String> users, Set<String> groups, Set<String> excluded) {
    }

    /** A line of someone's inbox. */
    public record InboxTask(String id, String name, String nameInWords, String status, String owner, Long claimId,
                            Long claimUnitId, String unitRef, String learner, Long visitId, String centre,
                            Instant createdAt, Instant dueAt) {
    }

    /** How the dashboards ask for tasks by when they are due: overdue, or due within the coming seven days. */
    public enum Due {
        OVERDUE, WEEK
    }

    /** What the dashboards sort tasks by, by the names their addresses take. */
    private static final Map<String, String> DASHBOARD_SORTABLE = Map.of(
            "due", "due_by", "created", "t.created_at", "kind", "t.name_in_words", "learner", "learner");

    /**
     * A dashboard's question: tasks of one kind (a task name, or null for any), due when (or null for any), sorted.
     *
     * @param iqaDaysAllowed how long a sampled decision may wait for its IQA: a verification or countersignature with
     *                       no due date of its own is due that many days after it was created
     */
    public record Query(String kind, Due due, String sort, boolean ascending, int iqaDaysAllowed) {
    }

    /** A line of a dashboard's task list: the task, and when it is due (its own date, or one the process implies). */
    public record DueTask(InboxTask task, Instant dueBy) {
    }

    /** The user's tasks that answer the query, a page at a time, filtered, sorted and counted in the database. */
    public Page<DueTask> page(String user, Collection<String> groups, Query query, Instant now, ZoneId zone,
                              Pageable pageable) {
        beforeRead.run();
        String sort = DASHBOARD_SORTABLE.get(query.sort());
        if (sort == null) {
            throw new BadRequestException("sort: '" + query.sort() + "' is not one of "
                    + String.join(", ", DASHBOARD_SORTABLE.keySet().stream().sorted().toList()));
        }
        MapSqlParameterSource params = visibility(user, groups);
        String where = dashboardWhere(query, now, zone, params);
        Long total = named.queryForObject("select count(*)" + VISIBLE + where, params, Long.class);
        if (total == null || total == 0 || pageable.getOffset() >= total) {
            return new PageImpl<>(List.of(), pageable, total == null ? 0 : total);
        }
        params.addValue("limit", pageable.getPageSize()).addValue("offset", pageable.getOffset());
        String direction = query.ascending() ? " asc" : " desc";
        List<DueTask> rows = named.query(COLUMNS + ", " + dueBy(query.iqaDaysAllowed()) + " as due_by" + VISIBLE
                        + where + " order by " + sort + direction + " nulls last, t.created_at" + direction
                        + ", t.task_id limit :limit offset :offset", params,
                (rs, n) -> new DueTask(ROW.mapRow(rs, n), rs.getTimestamp("due_by") == null ? null
                        : rs.getTimestamp("due_by").toInstant()));
        return new PageImpl<>(rows, pageable, total);
    }

    /** How many of the user's tasks answer the query, counted by the database. */
    public long count(String user, Collection<String> groups, Query query, Instant now, ZoneId zone) {
        beforeRead.run();
        MapSqlParameterSource params = visibility(user, groups);
        Long total = named.queryForObject("select count(*)" + VISIBLE + dashboardWhere(query, now, zone, params),
                params, Long.class);
        return total == null ? 0 : total;
    }

    /**
     * When a task is due: the engine's due date when it has one; else a verification or countersignature is due the
     * allowed days after it was offered, and a visit's review on the day the visit is planned for. An assessment has
     * no due date (its age is shown instead).
     */
    private static String dueBy(int iqaDaysAllowed) {
        return "coalesce(t.due_at, case when t.task_name in ('" + Tasks.VERIFY_DECISION + "', '"
                + Tasks.COUNTERSIGN_DECISION + "') then t.created_at + interval '" + iqaDaysAllowed + "' day"
                + " when t.task_name = '" + Tasks.CONDUCT_VISIT + "' then (select cast(v.planned_for as timestamp)"
                + " from eqa_visit v where v.id = t.visit_id) end)";
    }

    /** Overdue: due before today began; this week: due today or in the six days after (days in the clock's zone). */
    private static String dashboardWhere(Query query, Instant now, ZoneId zone, MapSqlParameterSource params) {
        StringBuilder where = new StringBuilder();
        if (query.kind() != null) {
            if (!KINDS.contains(query.kind())) {
                throw new BadRequestException("kind: '" + query.kind() + "' is not one of " + String.join(", ", KINDS));
            }
            where.append(" and t.task_name = :kind");
            params.addValue("kind", query.kind());
        }
        if (query.due() != null) {
            LocalDate today = now.atZone(zone).toLocalDate();
            params.addValue("today", Timestamp.from(today.atStartOfDay(zone).toInstant()));
            String due = dueBy(query.iqaDaysAllowed());
            switch (query.due()) {
                case OVERDUE -> where.append(" and ").append(due).append(" < :today");
                case WEEK -> {
                    where.append(" and ").append(due).append(" >= :today and ").append(due).append(" < :weekEnd");
                    params.addValue("weekEnd", Timestamp.from(today.plusDays(7).atStartOfDay(zone).toInstant()));
                }
            }
        }
        return where.toString();
    }

    /** The kinds of task there are, by their engine names. */
    public static final List<String> KINDS = List.of(Tasks.ASSESS_UNIT, Tasks.VERIFY_DECISION,
            Tasks.COUNTERSIGN_DECISION, Tasks.PLAN_VISIT, Tasks.CONDUCT_VISIT);

    /** Writes the task as it now stands; the first write of a task stamps when it was created. */
    public void put(Entry e, Instant now) {
        int updated = jdbc.update("update task_inbox set task_name = ?, name_in_words = ?, claim_id = ?, "
                        + "claim_unit_id = ?, unit_ref = ?, visit_id = ?, centre_code = ?, owner = ?, status = ?, "
                        + "due_at = ?, excludes_anyone = ?, holder = ? where task_id = ?", e.taskName(), e.nameInWords(),
                e.claimId(), e.claimUnitId(), e.unitRef(), e.visitId(), e.centre(), e.owner(), e.status(),
                timestamp(e.dueAt()), !e.excluded().isEmpty(), holder(e), e.taskId());
        if (updated == 0) {
            jdbc.update("insert into task_inbox (task_id, task_name, name_in_words, claim_id, claim_unit_id, "
                            + "unit_ref, visit_id, centre_code, owner, status, created_at, due_at, excludes_anyone, holder) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e.taskId(), e.taskName(),
                    e.nameInWords(), e.claimId(), e.claimUnitId(), e.unitRef(), e.visitId(), e.centre(), e.owner(),
                    e.status(), Timestamp.from(now), timestamp(e.dueAt()), !e.excluded().isEmpty(), holder(e));
        } else {
            jdbc.update("delete from task_inbox_party where task_id = ?", e.taskId());
        }
        List<Object[]> parties = new ArrayList<>();
        // Who it is offered to matters only while nobody holds it: a held task is its owner's alone (owner index).
        if (e.owner() == null) {
            e.users().forEach(u -> parties.add(new Object[]{e.taskId(), "USER", u}));
            e.groups().forEach(g -> parties.add(new Object[]{e.taskId(), "GROUP", g}));
        }
        e.excluded().forEach(u -> parties.add(new Object[]{e.taskId(), "EXCLUDED", u}));
        if (!parties.isEmpty()) {
            jdbc.batchUpdate("insert into task_inbox_party (task_id, kind, name) values (?, ?, ?)", parties);
        }
    }

    /** The owner, when the owner may see the task: the engine's exclusions apply to its holder too. */
    private static String holder(Entry e) {
        return e.owner() != null && !e.excluded().contains(e.owner()) ? e.owner() : null;
    }

    public void remove(String taskId) {
        jdbc.update("delete from task_inbox where task_id = ?", taskId);
    }

    /** The user's tasks, a page at a time, sorted in the database (by when the task was created unless told). */
    public Page<InboxTask> waitingFor(String user, Collection<String> groups, Pageable pageable) {
        beforeRead.run();
        MapSqlParameterSource params = visibility(user, groups);
        Long total = named.queryForObject(COUNT_VISIBLE, params, Long.class);
        if (total == null || total == 0 || pageable.getOffset() >= total) {
            return new PageImpl<>(List.of(), pageable, total == null ? 0 : total);
        }
        // Each branch gives only its first offset + size rows in the page's order, so a page near the start is read
        // from the owner index in order instead of sorting every task the user has. The branches' limit is written
        // into the SQL (a number from the validated page): H2 2.3 keeps the first value bound to a parameter there
        // for every later execution of the statement.
        params.addValue("limit", pageable.getPageSize()).addValue("offset", pageable.getOffset());
        String limit = " limit " + Math.addExact(pageable.getOffset(), pageable.getPageSize());
        // The held ones are picked by id from the holder index first, so that only the page's rows are read.
        List<String> limited = new ArrayList<>(List.of("select o.* from task_inbox o where o.task_id in (select"
                + " h.task_id from task_inbox h where h.holder = :user" + orderBy(pageable.getSort(), "h.") + limit
                + ")"));
        BRANCHES.subList(1, BRANCHES.size()).forEach(b -> limited.add(b + orderBy(pageable.getSort(), "o.") + limit));
        String branches = String.join(" union all ", limited.stream().map(b -> "(" + b + ")").toList());
        List<InboxTask> rows = named.query(COLUMNS + " from (" + branches + ") t" + orderBy(pageable.getSort(), "t.")
                + " limit :limit offset :offset", params, ROW);
        return new PageImpl<>(rows, pageable, total);
    }

    /** The user's open task of a kind on one claim unit (claimUnitId) or visit (visitId). */
    public Optional<String> find(String user, Collection<String> groups, String taskName, String inputName, long id) {
        beforeRead.run();
        String column = switch (inputName) {
            case "claimUnitId" -> "t.claim_unit_id";
            case "visitId" -> "t.visit_id";
            default -> throw new IllegalArgumentException("Tasks work on a claimUnitId or a visitId, not " + inputName);
        };
        MapSqlParameterSource params = visibility(user, groups).addValue("name", taskName).addValue("id", id);
        return named.query("select t.task_id" + VISIBLE + " and t.task_name = :name and " + column + " = :id"
                + " order by t.created_at, t.task_id", params, (rs, n) -> rs.getString(1)).stream().findFirst();
    }

    /** Open tasks of a kind on any unit of a claim, whoever they are offered to. */
    public List<String> openOnClaim(long claimId, String taskName) {
        beforeRead.run();
        return jdbc.queryForList("select task_id from task_inbox where claim_id = ? and task_name = ? order by task_id",
                String.class, claimId, taskName);
    }

    /** Every task the table holds, for checking it against the engine. */
    public List<String> allTaskIds() {
        beforeRead.run();
        return jdbc.queryForList("select task_id from task_inbox order by task_id", String.class);
    }

    private static MapSqlParameterSource visibility(String user, Collection<String> groups) {
        return new MapSqlParameterSource("user", user)
                .addValue("groups", groups.isEmpty() ? List.of("") : List.copyOf(groups));
    }

    /** ORDER BY for the sort, on the columns of the table alias given ("t." or "o."). */
    private static String orderBy(Sort sort, String alias) {
        List<String> terms = new ArrayList<>();
        for (Sort.Order order : sort.isSorted() ? sort : Sort.by("created")) {
            String column = SORTABLE.get(order.getProperty());
            if (column == null) {
                throw new BadRequestException("sort: '" + order.getProperty() + "' is not one of "
                        + String.join(", ", SORTABLE.keySet().stream().sorted().toList()));
            }
            terms.add(alias + column + (order.isAscending() ? " asc" : " desc") + " nulls last");
        }
        terms.add(alias + "task_id");
        return " order by " + String.join(", ", terms);
    }

    private static final RowMapper<InboxTask> ROW = (rs, n) -> new InboxTask(rs.getString("task_id"),
            rs.getString("task_name"), rs.getString("name_in_words"), rs.getString("status"), rs.getString("owner"),
            (Long) rs.getObject("claim_id", Long.class), (Long) rs.getObject("claim_unit_id", Long.class),
            rs.getString("unit_ref"), rs.getString("learner"), (Long) rs.getObject("visit_id", Long.class),
            rs.getString("centre_code"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("due_at") == null ? null : rs.getTimestamp("due_at").toInstant());

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
