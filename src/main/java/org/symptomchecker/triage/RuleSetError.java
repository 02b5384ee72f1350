package org.symptomchecker.triage;

/** One problem in the rule files: the file, the rule or concept it is in, the line, and what is wrong. */
public record RuleSetError(String file, String id, int line, String problem) {

    @Override
    public String toString() {
        return file + ":" + line + (id == null ? "" : " [" + id + "]") + ": " + problem;
    }
}
