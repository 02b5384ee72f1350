package org.symptomchecker.corpus;

/** The parts of a stored document an import compares against. */
record StoredDocument(String id, String contentHash, String origin, DocumentStatus status) {
}
