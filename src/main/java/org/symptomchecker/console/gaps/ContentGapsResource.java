package org.symptomchecker.console.gaps;

import io.quarkus.panache.common.Sort;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.chat.ContentGap;
import org.symptomchecker.chat.TriageRecord;
import org.symptomchecker.console.security.ConsoleAccess;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content team's to-do list and the service's shape over time: unanswered questions, questions whose topic
 * lacked what was asked, and voted answers, grouped by wording (all redacted); turns by triage level and red-flag rule
 * per day.
 */
@Path("/api/v1/admin/content")
@Produces(MediaType.APPLICATION_JSON)
public class ContentGapsResource {

    static final int MAX_DAYS = 366;
    private static final int EXAMPLES = 5;
    private static final int MAX_ROWS = 20_000;

    private final ConsoleAccess access;

    public ContentGapsResource(ConsoleAccess access) {
        this.access = access;
    }

    public record Gaps(int days, long total, List<GapGroups.Group> groups) {
    }

    public record Day(String date, Map<String, Long> levels, Map<String, Long> rules) {
    }

    @GET
    @Path("/gaps")
    @Transactional
    @Operation(summary = "Unanswered questions, questions whose topic lacked what was asked, and voted answers, redacted and grouped by wording")
    public Gaps gaps(@QueryParam("kind") String kind, @QueryParam("days") @DefaultValue("30") int days) {
        access.require();
        checkDays(days);
        Instant since = Instant.now().minus(days, ChronoUnit.DAYS);
        List<ContentGap> rows;
        if (kind == null || kind.isBlank()) {
            rows = ContentGap.find("createdAt >= ?1 and kind <> ?2", Sort.descending("createdAt"), since, ContentGap.Kind.UP_VOTE.label())
                    .range(0, MAX_ROWS - 1).list();
        } else {
            try {
                ContentGap.Kind.of(kind);
            } catch (IllegalArgumentException e) {
                throw new ApiProblem("'kind' must be one of no-answer, type-missing, down-vote, up-vote");
            }
            rows = ContentGap.find("createdAt >= ?1 and kind = ?2", Sort.descending("createdAt"), since, kind).range(0, MAX_ROWS - 1).list();
        }
        List<Map.Entry<String, String>> questions = new ArrayList<>();
        rows.forEach(r -> questions.add(Map.entry(r.question == null ? "" : r.question, r.kind)));
        return new Gaps(days, rows.size(), GapGroups.of(questions, EXAMPLES));
    }

    @GET
    @Path("/stats")
    @Transactional
    @Operation(summary = "Turns per day by triage level and by red-flag rule (from the text-free triage records)")
    public List<Day> stats(@QueryParam("days") @DefaultValue("14") int days) {
        access.require();
        checkDays(days);
        Instant since = LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L).atStartOfDay().toInstant(ZoneOffset.UTC);
        Map<String, Day> out = new TreeMap<>();
        for (int d = 0; d < days; d++) {
            String date = LocalDate.now(ZoneOffset.UTC).minusDays(d).toString();
            out.put(date, new Day(date, new LinkedHashMap<>(), new TreeMap<>()));
        }
        // counted by the database (a day's turns can be millions): per day and level, and per day and rule combination
        @SuppressWarnings("unchecked")
        List<Object[]> byLevel = TriageRecord.getEntityManager().createNativeQuery(
                "select cast(recorded_at as date), level, count(*) from triage_record where recorded_at >= ?1 group by cast(recorded_at as date), level")
                .setParameter(1, java.sql.Timestamp.from(since)).getResultList();
        for (Object[] row : byLevel) {
            Day day = out.get(String.valueOf(row[0]));
            if (day != null) {
                day.levels().merge((String) row[1], ((Number) row[2]).longValue(), Long::sum);
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> byRules = TriageRecord.getEntityManager().createNativeQuery(
                "select cast(recorded_at as date), rule_ids, count(*) from triage_record where recorded_at >= ?1 and rule_ids is not null "
                        + "group by cast(recorded_at as date), rule_ids")
                .setParameter(1, java.sql.Timestamp.from(since)).getResultList();
        for (Object[] row : byRules) {
            Day day = out.get(String.valueOf(row[0]));
            if (day != null) {
                for (String rule : ((String) row[1]).split(",")) {
                    day.rules().merge(rule, ((Number) row[2]).longValue(), Long::sum);
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static void checkDays(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new ApiProblem("'days' must be 1 to " + MAX_DAYS);
        }
    }
}
