package org.qaflow.learner;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.qaflow.centre.CentreAccess;
import org.qaflow.problem.BadRequestException;
import org.qaflow.security.AppUser;
import org.qaflow.security.Role;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The claims a user may see, filtered (status, stage, centre, qualification, assessor, text), sorted and paged in the
 * database, and counted there: the claims list and the dashboards' counts use the same conditions, so a count and the
 * list it links to agree.
 */
@Component
public class ClaimSearch {

    /** What the list filters by; null or blank means any. */
    public record Filter(ClaimStatus status, ClaimStage stage, String centre, String qualification, Long assessor,
                         String text) {

        public static Filter stage(ClaimStage stage) {
            return new Filter(null, stage, null, null, null, null);
        }
    }

    /** The columns the list sorts by, and how. */
    public enum SortKey {
        LEARNER("lower(l.lastName)", "lower(l.firstName)"),
        REGISTERED("c.registeredAt"),
        // In the order of the journey, not alphabetically by the stored name.
        STATUS(statusOrder()),
        QUALIFICATION("lower(qn.title)", "c.qan");

        private final List<String> terms;

        SortKey(String... terms) {
            this.terms = List.of(terms);
        }

        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static SortKey of(String param) {
            return Arrays.stream(values()).filter(k -> k.param().equals(param)).findFirst()
                    .orElseThrow(() -> new BadRequestException("sort: '" + param + "' is not one of "
                            + Arrays.stream(values()).map(SortKey::param).collect(Collectors.joining(", "))));
        }

        private static String statusOrder() {
            StringBuilder order = new StringBuilder("case c.status");
            for (ClaimStatus s : ClaimStatus.values()) {
                order.append(" when org.qaflow.learner.ClaimStatus.").append(s.name()).append(" then ").append(s.ordinal());
            }
            return order.append(" end").toString();
        }
    }

    /** A claim of the list with its qualification's title. */
    public record Found(Claim claim, String qualificationTitle) {
    }

    /** How far a claim has come: units verified of the units registered. */
    public record Progress(long verified, long units) {
    }

    private static final Set<ClaimStatus> CLOSED = EnumSet.of(ClaimStatus.WITHDRAWN, ClaimStatus.CERTIFICATE_ISSUED);

    private final EntityManager entities;
    private final CentreAccess centres;
    private final Clock clock;

    public ClaimSearch(EntityManager entities, CentreAccess centres, Clock clock) {
        this.entities = entities;
        this.centres = centres;
        this.clock = clock;
    }

    /** A page of the claims the user may see that pass the filter, in the order asked (ties newest first). */
    public Page<Found> page(AppUser user, Filter filter, SortKey sort, boolean ascending, Pageable pageable) {
        Map<String, Object> params = new HashMap<>();
        String where = where(user, filter, params);
        if (where == null) {
            return Page.empty(pageable);
        }
        long total = count(where, params);
        if (total == 0 || pageable.getOffset() >= total) {
            return new PageImpl<>(List.of(), pageable, total);
        }
        TypedQuery<Object[]> query = select(where, sort, ascending, params);
        List<Found> rows = query.setFirstResult((int) pageable.getOffset()).setMaxResults(pageable.getPageSize())
                .getResultList().stream().map(r -> new Found((Claim) r[0], (String) r[1])).toList();
        return new PageImpl<>(rows, pageable, total);
    }

    /** Claims read at a time by {@link #each}. */
    private static final int CHUNK = 500;

    /**
     * Every claim the user may see that passes the filter, in the list's order, read from the database a chunk at a
     * time (a spreadsheet of the whole list). Claims already handed on leave the persistence context, so memory does
     * not grow with the list: the consumer must not keep them.
     */
    public void each(AppUser user, Filter filter, SortKey sort, boolean ascending, Consumer<Found> consumer) {
        each(user, filter, sort, ascending, CHUNK, consumer);
    }

    void each(AppUser user, Filter filter, SortKey sort, boolean ascending, int chunkSize, Consumer<Found> consumer) {
        Map<String, Object> params = new HashMap<>();
        String where = where(user, filter, params);
        if (where == null) {
            return;
        }
        TypedQuery<Object[]> query = select(where, sort, ascending, params);
        for (int first = 0; ; first += chunkSize) {
            List<Object[]> chunk = query.setFirstResult(first).setMaxResults(chunkSize).getResultList();
            chunk.forEach(r -> consumer.accept(new Found((Claim) r[0], (String) r[1])));
            if (chunk.size() < chunkSize) {
                return;
            }
            entities.clear();
        }
    }

    private TypedQuery<Object[]> select(String where, SortKey sort, boolean ascending, Map<String, Object> params) {
        String direction = ascending ? " asc" : " desc";
        String order = sort.terms.stream().map(t -> t + direction).collect(Collectors.joining(", "))
                + ", c.id" + direction;
        TypedQuery<Object[]> query = entities.createQuery("select c, qn.title from Claim c join fetch c.learner l"
                + " join fetch c.centre ce join fetch c.assessor a left join Qualification qn on qn.qan = c.qan"
                + where + " order by " + order, Object[].class);
        params.forEach(query::setParameter);
        return query;
    }

    /** How many claims the user may see pass the filter, counted by the database. */
    public long count(AppUser user, Filter filter) {
        Map<String, Object> params = new HashMap<>();
        String where = where(user, filter, params);
        return where == null ? 0 : count(where, params);
    }

    /** Units verified of units registered, for each of the claims. */
    public Map<Long, Progress> progress(List<Long> claimIds) {
        if (claimIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Progress> progress = new LinkedHashMap<>();
        entities.createQuery("select u.claim.id, count(u), sum(case when u.status = :verified then 1 else 0 end)"
                        + " from ClaimUnit u where u.claim.id in :ids group by u.claim.id", Object[].class)
                .setParameter("verified", UnitStatus.VERIFIED).setParameter("ids", claimIds).getResultList()
                .forEach(r -> progress.put((Long) r[0], new Progress(((Number) r[2]).longValue(),
                        ((Number) r[1]).longValue())));
        return progress;
    }

    private long count(String where, Map<String, Object> params) {
        TypedQuery<Long> query = entities.createQuery("select count(c) from Claim c join c.learner l"
                + " join c.centre ce join c.assessor a" + where, Long.class);
        params.forEach(query::setParameter);
        return query.getSingleResult();
    }

    /** The where clause (null when the user may see no centre), its parameters put into params. */
    private String where(AppUser user, Filter filter, Map<String, Object> params) {
        Set<Long> visible = centres.visibleCentreIds(user);
        if (visible.isEmpty()) {
            return null;
        }
        StringBuilder where = new StringBuilder(" where ce.id in :centres");
        params.put("centres", visible);
        if (user.getRole() == Role.ASSESSOR) {
            where.append(" and a.username = :me");
            params.put("me", user.getUsername());
        }
        if (filter.status() != null) {
            where.append(" and c.status = :status");
            params.put("status", filter.status());
        }
        if (filter.centre() != null && !filter.centre().isBlank()) {
            where.append(" and ce.code = :centre");
            params.put("centre", filter.centre().trim());
        }
        if (filter.qualification() != null && !filter.qualification().isBlank()) {
            where.append(" and c.qan = :qan");
            params.put("qan", filter.qualification().trim());
        }
        if (filter.assessor() != null) {
            where.append(" and a.id = :assessor");
            params.put("assessor", filter.assessor());
        }
        String needle = filter.text() == null ? "" : filter.text().trim().toLowerCase(Locale.ROOT);
        if (!needle.isEmpty()) {
            where.append(" and lower(concat(l.firstName, ' ', l.lastName, ' ', l.uln, ' ', c.qan)) like :like"
                    + " escape '\\'");
            params.put("like", "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (filter.stage() != null) {
            where.append(stage(filter.stage(), params));
        }
        return where.toString();
    }

    private String stage(ClaimStage stage, Map<String, Object> params) {
        String unitIn = " and c.status not in :closed and exists (select 1 from ClaimUnit u where u.claim = c"
                + " and u.status in :unitStatuses)";
        switch (stage) {
            case AWAITING_ASSESSMENT -> params.put("unitStatuses", List.of(UnitStatus.AWAITING_ASSESSMENT));
            case WITH_IQA -> params.put("unitStatuses",
                    List.of(UnitStatus.SAMPLED_FOR_IQA, UnitStatus.AWAITING_COUNTERSIGNATURE));
            case REFERRED_BACK -> params.put("unitStatuses", List.of(UnitStatus.REFERRED_BACK));
            case AWAITING_EQA -> {
                params.put("eqaStatuses", List.of(ClaimStatus.AWAITING_FIRST_EQA_VISIT,
                        ClaimStatus.AWAITING_EQA_RELEASE, ClaimStatus.HELD_BY_EQA));
                return " and c.status in :eqaStatuses";
            }
            case CERTIFICATED_THIS_MONTH -> {
                // The month by the application's clock, in its zone.
                LocalDate first = LocalDate.now(clock).withDayOfMonth(1);
                ZonedDateTime from = first.atStartOfDay(clock.getZone());
                params.put("issued", ClaimStatus.CERTIFICATE_ISSUED);
                params.put("monthFrom", from.toInstant());
                params.put("monthTo", from.plusMonths(1).toInstant());
                return " and c.status = :issued and c.certificateIssuedAt >= :monthFrom"
                        + " and c.certificateIssuedAt < :monthTo";
            }
        }
        params.put("closed", CLOSED);
        return unitIn;
    }
}
