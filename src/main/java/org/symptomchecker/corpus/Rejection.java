package org.symptomchecker.corpus;

/** A file or record that could not be imported, with where it is and why. */
public record Rejection(String file, int line, String reason) {
}
