package org.symptomchecker.triage;

/** How soon a person should get care; NONE means no symptom is described. */
public enum TriageLevel {
    NONE, SELF_CARE, ROUTINE, URGENT, EMERGENCY
}
