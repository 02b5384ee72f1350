package org.symptomchecker.triage;

import java.util.List;

/** The rule files have errors; the rule set in use stays as it was. */
public class InvalidRuleSetException extends RuntimeException {

    private final List<RuleSetError> errors;

    public InvalidRuleSetException(List<RuleSetError> errors) {
        super(errors.size() + " error(s) in the rule files; first: " + errors.get(0));
        this.errors = List.copyOf(errors);
    }

    public List<RuleSetError> errors() {
        return errors;
    }
}
