package org.symptomchecker.corpus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A vetted document as imported, with the change number the search index follows. */
@Entity
@Table(name = "document")
public class CorpusDocument extends PanacheEntityBase {

    @Id
    public String id;
    public String title;
    public String url;
    public String source;
    @Enumerated(EnumType.STRING)
    public DocumentStatus status;
    @Column(name = "reviewed_by")
    public String reviewedBy;
    @Column(name = "reviewed_on")
    public String reviewedOn;
    public String topics;
    /** The file the document was imported from; a document whose file disappears is retired. */
    public String origin;
    @Column(name = "content_hash")
    public String contentHash;
    public String body;
    @Column(name = "change_seq")
    public long changeSeq;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** The title question's embedding (see {@link QuestionTitles}); null for other documents and while not approved. */
    @Column(name = "question_embedding")
    public byte[] questionEmbedding;
}
