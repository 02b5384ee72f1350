package org.symptomchecker.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The corpus tables: every write is one transaction and takes the next corpus change number. */
@ApplicationScoped
public class CorpusStore {

    /** What a write did to a document. */
    public enum Outcome { ADDED, UPDATED, UNCHANGED }

    /** A passage to store with the document, with its embedding when the document is approved. */
    public record NewPassage(PassageSplitter.Chunk chunk, String textHash, byte[] embedding) {
    }

    private final EntityManager em;

    public CorpusStore(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome write(ParsedDocument parsed, String origin, String contentHash, List<NewPassage> passages,
                         byte[] questionEmbedding) {
        long seq = nextChangeSeq(); // also serialises writers until this transaction ends
        CorpusDocument doc = CorpusDocument.findById(parsed.id());
        Outcome outcome;
        if (doc == null) {
            doc = new CorpusDocument();
            doc.id = parsed.id();
            outcome = Outcome.ADDED;
        } else if (contentHash.equals(doc.contentHash) && origin.equals(doc.origin)) {
            return Outcome.UNCHANGED; // another instance stored the same content meanwhile
        } else {
            outcome = Outcome.UPDATED;
            em.createQuery("delete from Passage p where p.documentId = :id").setParameter("id", doc.id).executeUpdate();
        }
        doc.title = parsed.title();
        doc.url = parsed.url();
        doc.source = parsed.source();
        doc.status = parsed.status();
        doc.reviewedBy = parsed.reviewedBy();
        doc.reviewedOn = parsed.reviewedOn();
        doc.topics = parsed.topics().isEmpty() ? null : String.join(", ", parsed.topics());
        doc.origin = origin;
        doc.contentHash = contentHash;
        doc.body = parsed.text();
        doc.changeSeq = seq;
        doc.updatedAt = Instant.now();
        doc.questionEmbedding = questionEmbedding;
        if (outcome == Outcome.ADDED) {
            doc.persist();
        }
        for (NewPassage np : passages) {
            Passage p = new Passage();
            p.id = doc.id + "#" + np.chunk().ordinal();
            p.documentId = doc.id;
            p.ordinal = np.chunk().ordinal();
            p.startOffset = np.chunk().start();
            p.endOffset = np.chunk().end();
            p.text = np.chunk().text();
            p.textHash = np.textHash();
            p.embedding = np.embedding();
            p.persist();
        }
        return outcome;
    }

    /** Retires a document: it leaves answers as soon as the index applies the change. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean retire(String id) {
        CorpusDocument doc = CorpusDocument.findById(id);
        if (doc == null || doc.status == DocumentStatus.RETIRED) {
            return false;
        }
        doc.status = DocumentStatus.RETIRED;
        doc.contentHash = "retired";
        doc.changeSeq = nextChangeSeq();
        doc.updatedAt = Instant.now();
        return true;
    }

    @Transactional
    public Map<String, StoredDocument> existing(Collection<String> ids) {
        Map<String, StoredDocument> out = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 500) {
            List<Object[]> rows = em.createQuery(
                            "select d.id, d.contentHash, d.origin, d.status from CorpusDocument d where d.id in :ids", Object[].class)
                    .setParameter("ids", all.subList(i, Math.min(all.size(), i + 500)))
                    .getResultList();
            for (Object[] r : rows) {
                out.put((String) r[0], new StoredDocument((String) r[0], (String) r[1], (String) r[2], (DocumentStatus) r[3]));
            }
        }
        return out;
    }

    /** Embeddings already stored for a document, by the hash of the text they were computed from. */
    @Transactional
    public Map<String, byte[]> embeddingsOf(String documentId) {
        Map<String, byte[]> out = new HashMap<>();
        for (Object[] r : em.createQuery("select p.textHash, p.embedding from Passage p where p.documentId = :id and p.embedding is not null", Object[].class)
                .setParameter("id", documentId).getResultList()) {
            out.put((String) r[0], (byte[]) r[1]);
        }
        return out;
    }

    /** Documents imported from a file that are not yet retired. */
    @Transactional
    public List<String> liveIdsFromOrigin(String origin) {
        return em.createQuery("select d.id from CorpusDocument d where d.origin = :o and d.status <> :retired", String.class)
                .setParameter("o", origin).setParameter("retired", DocumentStatus.RETIRED).getResultList();
    }

    @Transactional
    public Map<String, ImportManifestEntry> manifestUnder(String rootPrefix) {
        return ImportManifestEntry.<ImportManifestEntry>list("path like ?1 escape '\\'", escapeLike(rootPrefix) + "%").stream()
                .collect(Collectors.toMap(e -> e.path, e -> e));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void saveManifest(String path, long size, long modifiedMs, String contentHash) {
        ImportManifestEntry e = ImportManifestEntry.findById(path);
        boolean isNew = e == null;
        if (isNew) {
            e = new ImportManifestEntry();
            e.path = path;
        }
        e.sizeBytes = size;
        e.modifiedMs = modifiedMs;
        e.contentHash = contentHash;
        e.importedAt = Instant.now();
        if (isNew) {
            e.persist();
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void forgetManifest(String path) {
        ImportManifestEntry.deleteById(path);
    }

    /** The newest committed corpus change. */
    @Transactional
    public long currentChangeSeq() {
        return ((Number) em.createNativeQuery("select change_seq from corpus_state where id = 1").getSingleResult()).longValue();
    }

    /** Documents changed after {@code after} up to {@code upTo}, oldest change first, with approved passages. */
    @Transactional
    public List<DocumentChange> changes(long after, long upTo, int limit) {
        List<CorpusDocument> docs = CorpusDocument.find("changeSeq > ?1 and changeSeq <= ?2 order by changeSeq", after, upTo)
                .page(0, limit).list();
        List<String> approved = docs.stream().filter(d -> d.status == DocumentStatus.APPROVED).map(d -> d.id).toList();
        Map<String, List<Passage>> passages = new HashMap<>();
        if (!approved.isEmpty()) {
            List<Passage> rows = Passage.list("documentId in ?1 order by documentId, ordinal", approved);
            for (Passage p : rows) {
                passages.computeIfAbsent(p.documentId, k -> new ArrayList<>()).add(p);
            }
        }
        return docs.stream().map(d -> {
            List<Passage> mine = passages.getOrDefault(d.id, List.of());
            return new DocumentChange(d.id, d.title, d.url, d.status, d.changeSeq, mine,
                    mine.stream().map(p -> Sections.headingAt(d.body, p.startOffset)).toList(),
                    QuestionTitles.isQuestion(d.title, d.source) ? d.title : null, d.questionEmbedding);
        }).toList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void storeEmbedding(String passageId, byte[] embedding) {
        Passage p = Passage.findById(passageId);
        if (p != null) {
            p.embedding = embedding;
        }
    }

    /** Keeps a document's title-question vector, computed for a document stored before such vectors were kept. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void storeQuestionEmbeddings(Map<String, byte[]> byDocument) {
        byDocument.forEach((id, embedding) -> {
            CorpusDocument d = CorpusDocument.findById(id);
            if (d != null) {
                d.questionEmbedding = embedding;
            }
        });
    }

    @Transactional
    public Map<String, Long> countByStatus() {
        Map<String, Long> out = new HashMap<>();
        for (Object[] r : em.createQuery("select d.status, count(d) from CorpusDocument d group by d.status", Object[].class).getResultList()) {
            out.put(r[0].toString().toLowerCase(java.util.Locale.ROOT), (Long) r[1]);
        }
        return out;
    }

    private long nextChangeSeq() {
        em.createNativeQuery("update corpus_state set change_seq = change_seq + 1 where id = 1").executeUpdate();
        return ((Number) em.createNativeQuery("select change_seq from corpus_state where id = 1").getSingleResult()).longValue();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
