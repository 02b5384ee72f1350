package org.symptomchecker.console.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a console endpoint that takes an HTML form: it checks the token of the form's {@value CsrfTokens#FORM_FIELD}
 * field itself ({@link ConsoleAccess#requireFormToken}), since a request filter cannot read a form body. Every other
 * state-changing request needs the {@value CsrfTokens#HEADER} header.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CsrfFormField {
}
