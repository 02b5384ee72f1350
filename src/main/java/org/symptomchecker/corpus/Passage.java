package org.symptomchecker.corpus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;


/** A chunk of a document that ends on a sentence boundary, with its offsets in the body and its embedding. */
@Entity
@Table(name = "passage")
public class Passage extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "document_id")
    public String documentId;
    public int ordinal;
    @Column(name = "start_offset")
    public int startOffset;
    @Column(name = "end_offset")
    public int endOffset;
    public String text;
    @Column(name = "text_hash")
    public String textHash;
    /** 384 little-endian floats from bge-small-en-v1.5; null while the document is not approved. */
    public byte[] embedding;
}
