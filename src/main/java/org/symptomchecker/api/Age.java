package org.symptomchecker.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An age in whole years, 0 (a baby) to 130: the one definition every request uses. */
@Documented
@Min(0)
@Max(130)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Age {
    String message() default "'age' must be a whole number of years from 0 to 130";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
