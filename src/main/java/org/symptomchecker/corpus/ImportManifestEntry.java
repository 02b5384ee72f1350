package org.symptomchecker.corpus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** What an imported file looked like when it was last imported. */
@Entity
@Table(name = "import_manifest")
public class ImportManifestEntry extends PanacheEntityBase {

    @Id
    public String path;
    @Column(name = "size_bytes")
    public long sizeBytes;
    @Column(name = "modified_ms")
    public long modifiedMs;
    @Column(name = "content_hash")
    public String contentHash;
    @Column(name = "imported_at")
    public Instant importedAt;
}
