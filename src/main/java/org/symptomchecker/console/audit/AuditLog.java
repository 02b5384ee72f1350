package org.symptomchecker.console.audit;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The console's append-only, hash-chained audit log. {@link #record} is the one way in: appends lock the chain's head
 * row, so threads and instances sharing a database append one at a time, each onto the hash before it.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
    private static final int MAX_ACTOR = 100;
    private static final int MAX_TARGET = 500;
    private static final int MAX_JSON = 1_000_000;
    private static final int CHUNK = 500;

    private final EntityManager em;

    public AuditLog(EntityManager em) {
        this.em = em;
    }

    /**
     * Appends an entry: who ({@code "anonymous"} when nobody is signed in), what ({@code login}, {@code release.published},
     * lower case, dots between words), on what, and the state before and after as JSON text (either may be null). Joins
     * the caller's transaction, so a change and its entry commit together; the chain head stays locked until then.
     *
     * @throws IllegalArgumentException for a blank actor, an action not of that form, or an oversized field
     */
    @Transactional
    public AuditRecord record(String actor, String action, String target, String beforeJson, String afterJson) {
        if (actor == null || actor.isBlank() || actor.length() > MAX_ACTOR) {
            throw new IllegalArgumentException("audit actor must be 1 to " + MAX_ACTOR + " characters");
        }
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("audit action must look like 'release.published'");
        }
        if (target != null && target.length() > MAX_TARGET) {
            throw new IllegalArgumentException("audit target is longer than " + MAX_TARGET + " characters");
        }
        if ((beforeJson != null && beforeJson.length() > MAX_JSON) || (afterJson != null && afterJson.length() > MAX_JSON)) {
            throw new IllegalArgumentException("audit before/after is longer than " + MAX_JSON + " characters");
        }
        Object[] head = (Object[]) em.createNativeQuery(
                "select last_seq, last_hash from console_audit_head where id = 1 for update").getSingleResult();
        AuditEntry e = new AuditEntry();
        e.seq = ((Number) head[0]).longValue() + 1;
        e.prevHash = (String) head[1];
        e.atMillis = System.currentTimeMillis();
        e.actor = actor;
        e.action = action;
        e.target = target;
        e.beforeJson = beforeJson;
        e.afterJson = afterJson;
        e.hash = AuditChain.hash(e);
        // a plain insert: the entity is immutable and its key is ours, not generated
        em.createNativeQuery("insert into console_audit (seq, at_ms, actor, action, target, before_json, after_json, prev_hash, hash)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                .setParameter(1, e.seq).setParameter(2, e.atMillis).setParameter(3, e.actor).setParameter(4, e.action)
                .setParameter(5, e.target).setParameter(6, e.beforeJson).setParameter(7, e.afterJson)
                .setParameter(8, e.prevHash).setParameter(9, e.hash).executeUpdate();
        em.createNativeQuery("update console_audit_head set last_seq = ?1, last_hash = ?2 where id = 1")
                .setParameter(1, e.seq).setParameter(2, e.hash).executeUpdate();
        LOG.debugf("audit entry %d: %s", e.seq, action);
        return AuditRecord.of(e);
    }

    /** One page (0-based) of the entries that match, newest first, and how many match in all. */
    @Transactional
    public AuditPage page(AuditFilter filter, int page, int size) {
        Where where = where(filter, null);
        var query = AuditEntry.<AuditEntry>find(where.jpql, Sort.descending("seq"), where.params);
        List<AuditRecord> entries = query.page(Page.of(page, size)).list().stream().map(AuditRecord::of).toList();
        return new AuditPage(entries, page, size, query.count());
    }

    /** Every matching entry, oldest first, handed over in chunks so the log is never held in memory at once. */
    @Transactional
    public void each(AuditFilter filter, Consumer<AuditRecord> sink) {
        long after = 0;
        while (true) {
            Where where = where(filter, after);
            List<AuditEntry> chunk = AuditEntry.<AuditEntry>find(where.jpql, Sort.ascending("seq"), where.params)
                    .page(Page.ofSize(CHUNK)).list();
            for (AuditEntry e : chunk) {
                sink.accept(AuditRecord.of(e));
                after = e.seq;
            }
            em.clear();
            if (chunk.size() < CHUNK) {
                return;
            }
        }
    }

    /**
     * Walks the whole chain: sequence numbers without a gap from 1, each entry's previous hash equal to the hash before
     * it, each hash recomputed from the entry, and the head naming the last entry (a removed last entry shows there).
     */
    @Transactional
    public AuditVerification verify() {
        long expected = 1;
        String prev = AuditChain.GENESIS;
        long checked = 0;
        while (true) {
            List<AuditEntry> chunk = AuditEntry.<AuditEntry>find("seq >= ?1", Sort.ascending("seq"), expected)
                    .page(Page.ofSize(CHUNK)).list();
            for (AuditEntry e : chunk) {
                if (e.seq != expected || !prev.equals(e.prevHash) || !AuditChain.hash(e).equals(e.hash)) {
                    return new AuditVerification(false, expected, checked);
                }
                prev = e.hash;
                expected++;
                checked++;
            }
            em.clear();
            if (chunk.size() < CHUNK) {
                break;
            }
        }
        Object[] head = (Object[]) em.createNativeQuery("select last_seq, last_hash from console_audit_head where id = 1")
                .getSingleResult();
        long headSeq = ((Number) head[0]).longValue();
        if (headSeq != expected - 1 || !prev.equals(head[1])) {
            return new AuditVerification(false, Math.min(headSeq, expected), checked);
        }
        return new AuditVerification(true, null, checked);
    }

    private record Where(String jpql, Map<String, Object> params) {
    }

    private static Where where(AuditFilter f, Long afterSeq) {
        List<String> parts = new ArrayList<>();
        Map<String, Object> p = new HashMap<>();
        parts.add("1 = 1");
        if (afterSeq != null) {
            parts.add("seq > :after");
            p.put("after", afterSeq);
        }
        if (f.actor() != null) {
            parts.add("actor = :actor");
            p.put("actor", f.actor());
        }
        if (f.action() != null) {
            parts.add("action = :action");
            p.put("action", f.action());
        }
        if (f.from() != null) {
            parts.add("atMillis >= :from");
            p.put("from", f.from().toEpochMilli());
        }
        if (f.to() != null) {
            parts.add("atMillis < :to");
            p.put("to", f.to().toEpochMilli());
        }
        return new Where(String.join(" and ", parts), p);
    }
}
