package org.symptomchecker.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;

/** The sex a request may give: female, male or other, with f and m read as female and male (the evaluation set sends F and M). */
public final class Sex {

    private Sex() {
    }

    /** The one rule every request's {@code sex} field follows. */
    @Documented
    @Pattern(regexp = "(?i)\\s*(female|male|other|f|m)\\s*")
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Valid {
        String message() default "'sex' must be female, male or other (f and m are read too)";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
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
