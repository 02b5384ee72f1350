package org.symptomchecker.console.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain hash: the same entry always hashes alike, and any change of a field or of the link changes it. */
class ConsoleAuditChainTest {

    private static final String PREV = AuditChain.GENESIS;

    @Test
    void theSameEntryHashesAlike() {
        String a = AuditChain.hash(PREV, 1, 1000, "ann", "login", "ann", null, null);
        assertThat(AuditChain.hash(PREV, 1, 1000, "ann", "login", "ann", null, null)).isEqualTo(a).hasSize(64);
    }

    @Test
    void everyFieldAndTheLinkCount() {
        String a = AuditChain.hash(PREV, 1, 1000, "ann", "login", "ann", null, null);
        assertThat(AuditChain.hash("1" + PREV.substring(1), 1, 1000, "ann", "login", "ann", null, null)).isNotEqualTo(a);
        assertThat(AuditChain.hash(PREV, 2, 1000, "ann", "login", "ann", null, null)).isNotEqualTo(a);
        assertThat(AuditChain.hash(PREV, 1, 1001, "ann", "login", "ann", null, null)).isNotEqualTo(a);
        assertThat(AuditChain.hash(PREV, 1, 1000, "bob", "login", "ann", null, null)).isNotEqualTo(a);
        assertThat(AuditChain.hash(PREV, 1, 1000, "ann", "logout", "ann", null, null)).isNotEqualTo(a);
        assertThat(AuditChain.hash(PREV, 1, 1000, "ann", "login", "ann", "{}", null)).isNotEqualTo(a);
        assertThat(AuditChain.hash(PREV, 1, 1000, "ann", "login", "ann", null, "{}")).isNotEqualTo(a);
    }

    @Test
    void fieldBoundariesCannotShift() {
        assertThat(AuditChain.hash(PREV, 1, 1000, "ab", "c", null, null, null))
                .isNotEqualTo(AuditChain.hash(PREV, 1, 1000, "a", "bc", null, null, null));
        assertThat(AuditChain.hash(PREV, 1, 1000, "a", "b", "", null, null))
                .isNotEqualTo(AuditChain.hash(PREV, 1, 1000, "a", "b", null, null, null));
    }
}
