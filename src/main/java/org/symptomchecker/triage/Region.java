package org.symptomchecker.triage;

/** Where to send people in a region: the emergency number and the crisis line. */
public record Region(String emergencyNumber, String crisisLine) {
}
