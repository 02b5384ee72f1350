package org.symptomchecker.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Drafts in the database: the files an editor changed (or removed) against the release the draft is based on.
 * A draft's full content is its base release with its changes laid over it.
 */
@ApplicationScoped
public class DraftStore {

    public enum State { open, published, discarded }

    public record Draft(long id, String author, String note, long basedOn, State state, Instant createdAt, Instant updatedAt,
                        String approvedBy, Instant approvedAt, String approvedHash, Long release) {
    }

    private final EntityManager em;
    private final ContentStore releases;

    public DraftStore(EntityManager em, ContentStore releases) {
        this.em = em;
        this.releases = releases;
    }

    @Transactional
    public Draft create(String author, String note, long basedOn) {
        // numbers are handed out under the content state's row lock, as releases' are (an aggregate cannot be locked)
        em.createNativeQuery("select publish_seq from content_state where id = 1 for update").getSingleResult();
        long id = ((Number) em.createNativeQuery("select coalesce(max(id), 0) + 1 from content_draft").getSingleResult()).longValue();
        Timestamp now = Timestamp.from(Instant.now());
        em.createNativeQuery("insert into content_draft (id, author, note, based_on, state, created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?6)")
                .setParameter(1, id).setParameter(2, author).setParameter(3, note).setParameter(4, basedOn)
                .setParameter(5, State.open.name()).setParameter(6, now).executeUpdate();
        return find(id).orElseThrow();
    }

    @Transactional
    public Optional<Draft> find(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, author, note, based_on, state, created_at, updated_at, approved_by, approved_at, "
                + "approved_hash, release_id from content_draft where id = ?1").setParameter(1, id).getResultList();
        return rows.stream().map(DraftStore::draft).findFirst();
    }

    @Transactional
    public List<Draft> list() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, author, note, based_on, state, created_at, updated_at, approved_by, approved_at, "
                + "approved_hash, release_id from content_draft order by id desc").getResultList();
        return rows.stream().map(DraftStore::draft).toList();
    }

    /** The draft's changes: path to new body, or to null for a removed file. */
    @Transactional
    public Map<String, String> changes(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select path, body from content_draft_item where draft_id = ?1 order by path")
                .setParameter(1, id).getResultList();
        Map<String, String> out = new TreeMap<>();
        rows.forEach(r -> out.put((String) r[0], (String) r[1]));
        return out;
    }

    /** The draft's whole content: its base release with its changes laid over it. */
    @Transactional
    public Map<String, String> content(long id) {
        Draft d = find(id).orElseThrow();
        Map<String, String> items = new TreeMap<>(releases.items(d.basedOn()));
        changes(id).forEach((path, body) -> {
            if (body == null) {
                items.remove(path);
            } else {
                items.put(path, body);
            }
        });
        return items;
    }

    /** Sets (body) or removes (null) one file of an open draft; an approval given before is void from now on. */
    @Transactional
    public void change(long id, String path, String body) {
        ContentFiles.safe(path);
        lockOpen(id);
        em.createNativeQuery("delete from content_draft_item where draft_id = ?1 and path = ?2").setParameter(1, id).setParameter(2, path).executeUpdate();
        em.createNativeQuery("insert into content_draft_item (draft_id, path, body) values (?1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, path).setParameter(3, body).executeUpdate();
        touched(id);
    }

    /** Takes a file's change out of the draft: the base release's version stands again. */
    @Transactional
    public void revert(long id, String path) {
        lockOpen(id);
        em.createNativeQuery("delete from content_draft_item where draft_id = ?1 and path = ?2").setParameter(1, id).setParameter(2, path).executeUpdate();
        touched(id);
    }

    @Transactional
    public void approve(long id, String reviewer, String contentHash) {
        lockOpen(id);
        em.createNativeQuery("update content_draft set approved_by = ?2, approved_at = ?3, approved_hash = ?4 where id = ?1")
                .setParameter(1, id).setParameter(2, reviewer).setParameter(3, Timestamp.from(Instant.now())).setParameter(4, contentHash)
                .executeUpdate();
    }

    @Transactional
    public void close(long id, State state, Long release) {
        lockOpen(id);
        em.createNativeQuery("update content_draft set state = ?2, release_id = ?3, updated_at = ?4 where id = ?1")
                .setParameter(1, id).setParameter(2, state.name()).setParameter(3, release).setParameter(4, Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    private void touched(long id) {
        em.createNativeQuery("update content_draft set updated_at = ?2, approved_by = null, approved_at = null, approved_hash = null where id = ?1")
                .setParameter(1, id).setParameter(2, Timestamp.from(Instant.now())).executeUpdate();
    }

    private void lockOpen(long id) {
        @SuppressWarnings("unchecked")
        List<Object> state = em.createNativeQuery("select state from content_draft where id = ?1 for update").setParameter(1, id).getResultList();
        if (state.isEmpty()) {
            throw new java.util.NoSuchElementException("there is no draft " + id);
        }
        if (!State.open.name().equals(state.get(0))) {
            throw new IllegalStateException("draft " + id + " is " + state.get(0) + ", no longer open");
        }
    }

    private static Draft draft(Object[] r) {
        return new Draft(((Number) r[0]).longValue(), (String) r[1], (String) r[2], ((Number) r[3]).longValue(), State.valueOf((String) r[4]),
                ContentStore.instant(r[5]), ContentStore.instant(r[6]), (String) r[7], ContentStore.instant(r[8]), (String) r[9],
                r[10] == null ? null : ((Number) r[10]).longValue());
    }
}
