package org.symptomchecker.corpus;

import java.util.regex.Pattern;

/** The shape every imported document id must have, whatever its format. */
final class DocumentIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,300}");

    private DocumentIds() {
    }

    static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
