package org.symptomchecker.triage;

/** One turn as triage reads it: the person's ("user") or the service's ("assistant", with what it asked about). */
public record TriageMessage(String role, String text, String asks) {

    public static TriageMessage user(String text) {
        return new TriageMessage("user", text, null);
    }

    public boolean fromUser() {
        return !"assistant".equalsIgnoreCase(role);
    }
}
