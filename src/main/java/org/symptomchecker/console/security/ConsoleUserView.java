package org.symptomchecker.console.security;

import java.time.Instant;

/** A console user as the API shows it (never the hash). */
public record ConsoleUserView(String username, String role, Instant createdAt, boolean disabled) {

    static ConsoleUserView of(ConsoleUser u) {
        return new ConsoleUserView(u.username, u.role, u.createdAt, u.disabled);
    }
}
