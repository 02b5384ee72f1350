package org.symptomchecker.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Content releases in the database: immutable numbered snapshots of the content files, and which one every instance
 * serves. A new release takes the next number under the lock of the one state row, so two instances (or two editors)
 * never write the same number, and a publish is seen by every instance as a higher publish sequence.
 */
@ApplicationScoped
public class ContentStore {

    /** A release as listed: no bodies. */
    public record Release(long number, String author, String note, String contentHash, Long basedOn, Instant createdAt,
                          int items) {
    }

    /** Which release is served, since when, by whom; {@code seq} grows with every publish and rollback. */
    public record Published(Long release, Instant at, String by, long seq) {
    }

    private final EntityManager em;

    public ContentStore(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Published published() {
        Object[] row = (Object[]) em.createNativeQuery(
                "select published_release_id, published_at, published_by, publish_seq from content_state where id = 1")
                .getSingleResult();
        return new Published(row[0] == null ? null : ((Number) row[0]).longValue(), instant(row[1]), (String) row[2],
                ((Number) row[3]).longValue());
    }

    /**
     * Writes a new release of these items and returns its number. Nothing is published: that is {@link #publish}.
     */
    @Transactional
    public Release create(String author, String note, Long basedOn, Map<String, String> items) {
        lockState();
        long number = ((Number) em.createNativeQuery("select coalesce(max(id), 0) + 1 from content_release").getSingleResult()).longValue();
        return insert(number, author, note, basedOn, items);
    }

    /**
     * Release 1 from these items, published, when the database has no release yet (a new database); otherwise nothing.
     * Two instances starting together on one new database write it once: the state row's lock decides.
     */
    @Transactional
    public Optional<Release> seedIfEmpty(String author, String note, Map<String, String> items) {
        lockState();
        long count = ((Number) em.createNativeQuery("select count(*) from content_release").getSingleResult()).longValue();
        if (count > 0) {
            return Optional.empty();
        }
        if (items.keySet().stream().noneMatch(path -> path.startsWith("guardrails/"))) {
            // a release without rules would be published and then refused at every start
            throw new NothingToSeed();
        }
        Release first = insert(1, author, note, null, items);
        setPublished(first.number(), author);
        return Optional.of(first);
    }

    /** Makes a release the one every instance serves. */
    @Transactional
    public Published publish(long release, String by) {
        lockState();
        if (find(release).isEmpty()) {
            throw new IllegalArgumentException("there is no release " + release);
        }
        setPublished(release, by);
        return published();
    }

    @Transactional
    public Optional<Release> find(long number) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select r.id, r.author, r.note, r.content_hash, r.based_on, r.created_at,
                       (select count(*) from content_item i where i.release_id = r.id)
                from content_release r where r.id = ?1""").setParameter(1, number).getResultList();
        return rows.stream().map(ContentStore::release).findFirst();
    }

    /** Every release, newest first. */
    @Transactional
    public List<Release> releases() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select r.id, r.author, r.note, r.content_hash, r.based_on, r.created_at,
                       (select count(*) from content_item i where i.release_id = r.id)
                from content_release r order by r.id desc""").getResultList();
        return rows.stream().map(ContentStore::release).toList();
    }

    /** A release's files, path to text, in path order. */
    @Transactional
    public Map<String, String> items(long release) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select i.path, b.body from content_item i join content_blob b on b.hash = i.blob_hash
                where i.release_id = ?1 order by i.path""").setParameter(1, release).getResultList();
        Map<String, String> out = new TreeMap<>();
        rows.forEach(r -> out.put((String) r[0], (String) r[1]));
        return out;
    }

    private Release insert(long number, String author, String note, Long basedOn, Map<String, String> items) {
        Map<String, String> hashes = new HashMap<>();
        for (Map.Entry<String, String> e : items.entrySet()) {
            String path = ContentFiles.safe(e.getKey());
            String hash = ContentFiles.sha256(e.getValue());
            hashes.put(path, hash);
            long known = ((Number) em.createNativeQuery("select count(*) from content_blob where hash = ?1")
                    .setParameter(1, hash).getSingleResult()).longValue();
            if (known == 0) {
                em.createNativeQuery("insert into content_blob (hash, body) values (?1, ?2)")
                        .setParameter(1, hash).setParameter(2, e.getValue()).executeUpdate();
            }
        }
        String contentHash = ContentFiles.hashOf(hashes);
        Instant now = Instant.now();
        em.createNativeQuery("insert into content_release (id, author, note, content_hash, based_on, created_at) values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, number).setParameter(2, author).setParameter(3, note).setParameter(4, contentHash)
                .setParameter(5, basedOn).setParameter(6, Timestamp.from(now)).executeUpdate();
        for (Map.Entry<String, String> e : new TreeMap<>(hashes).entrySet()) {
            em.createNativeQuery("insert into content_item (release_id, path, blob_hash) values (?1, ?2, ?3)")
                    .setParameter(1, number).setParameter(2, e.getKey()).setParameter(3, e.getValue()).executeUpdate();
        }
        return new Release(number, author, note, contentHash, basedOn, now, items.size());
    }

    private void setPublished(long release, String by) {
        em.createNativeQuery("update content_state set published_release_id = ?1, published_at = ?2, published_by = ?3, "
                        + "publish_seq = publish_seq + 1 where id = 1")
                .setParameter(1, release).setParameter(2, Timestamp.from(Instant.now())).setParameter(3, by).executeUpdate();
    }

    private void lockState() {
        em.createNativeQuery("select publish_seq from content_state where id = 1 for update").getSingleResult();
    }

    private static Release release(Object[] r) {
        return new Release(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                r[4] == null ? null : ((Number) r[4]).longValue(), instant(r[5]), ((Number) r[6]).intValue());
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.LocalDateTime l) {
            return Timestamp.valueOf(l).toInstant();
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        throw new IllegalStateException("unexpected time type " + o.getClass());
    }

    /** Paths with their bodies that differ between two sets of items (added, changed or removed). */
    public static List<String> changedPaths(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        java.util.TreeSet<String> all = new java.util.TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        for (String p : all) {
            if (!java.util.Objects.equals(before.get(p), after.get(p))) {
                out.add(p);
            }
        }
        return out;
    }

    /** A new database and no guardrail files to write release 1 from: a release without rules would be refused at every start. */
    public static final class NothingToSeed extends IllegalStateException {
        NothingToSeed() {
            super("no guardrail files to write release 1 from");
        }
    }
}
