package org.symptomchecker.console;

/** The signed-in console user: who writes the audit entries of a request, and what they may do. */
public record ConsoleActor(String username, ConsoleRole role) {
}
