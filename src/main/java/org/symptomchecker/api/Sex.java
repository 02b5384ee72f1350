package org.symptomchecker.api;

import java.util.Locale;

/** The sex a request may give: female, male or other, with f and m read as female and male. */
public final class Sex {

    private Sex() {
    }

    /** The validated value in its one spelling (female, male, other), or null when none was given. */
    public static String normalised(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String s = given.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "f" -> "female";
            case "m" -> "male";
            default -> s;
        };
    }
}
