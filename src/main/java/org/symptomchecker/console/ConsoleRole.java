package org.symptomchecker.console;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a console user may do: editors change drafts, reviewers approve and read the audit log, admins manage users. */
public enum ConsoleRole {
    EDITOR, REVIEWER, ADMIN;

    /** The name stored in the database and shown in the API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with this label, or empty for anything else (null, other case or words). */
    public static Optional<ConsoleRole> of(String label) {
        return Arrays.stream(values()).filter(r -> r.label().equals(label)).findFirst();
    }
}
