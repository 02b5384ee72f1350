package org.symptomchecker.llm;

import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.embedding.PassageEmbedder;
import org.symptomchecker.triage.ReplySafetyCheck;
import org.symptomchecker.triage.TriageLevel;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The per-sentence check at its defaults, with the real bge-small model. */
class GroundingTest {

    static final String SYSTEM = "You rephrase vetted health information for a member of the public. You are not a doctor.";
    static final List<String> PASSAGES = List.of(
            "Shingles is a painful rash that usually appears on one side of the body. It is caused by the same virus as chickenpox.",
            "A TENS machine sends small electrical pulses through the skin. Some people find it eases their back pain.");

    static PassageEmbedder embedder;
    static Grounding grounding;

    @BeforeAll
    static void load() {
        embedder = new PassageEmbedder(1, 1);
        SymptomConfig config = mock(SymptomConfig.class);
        SymptomConfig.Llm llm = mock(SymptomConfig.Llm.class);
        when(config.llm()).thenReturn(llm);
        when(llm.minOverlap()).thenReturn(shipped("minOverlap"));
        when(llm.minSimilarity()).thenReturn(shipped("minSimilarity"));
        grounding = new Grounding(embedder, new ReplySafetyCheck(), config);
    }

    /** The threshold as shipped (SymptomConfig's default; application.properties sets none). */
    static double shipped(String setting) {
        try {
            return Double.parseDouble(SymptomConfig.Llm.class.getMethod(setting).getAnnotation(WithDefault.class).value());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    private String fails(String reply) {
        return grounding.check(reply, PASSAGES, TriageLevel.NONE, SYSTEM).map(Grounding.Failure::reason).orElse(null);
    }

    @Test
    void sentencesThatRestateTheirPassagePass() {
        assertThat(fails("Shingles is a painful rash, usually on one side of the body [1]. "
                + "Some people find that a TENS machine eases their back pain [2].")).isNull();
    }

    @Test
    void aCitationAfterTheFullStopBelongsToTheSentenceBeforeIt() {
        assertThat(Grounding.sentences("Shingles is a painful rash. [1] A TENS machine sends small pulses. [2]"))
                .containsExactly("Shingles is a painful rash [1].", "A TENS machine sends small pulses [2].");
        assertThat(fails("Shingles is a painful rash on one side of the body. [1] Some people find a TENS machine eases back pain. [2]")).isNull();
    }

    @Test
    void everySentenceMustCiteAGivenPassageThatSupportsIt() {
        assertThat(fails("Shingles is a painful rash on one side of the body.")).contains("cites no passage");
        assertThat(fails("Shingles is a painful rash on one side of the body [3].")).contains("not given");
        assertThat(fails("Shingles is a painful rash on one side of the body [2].")).contains("not supported");
        assertThat(fails("Shingles is a painful rash [1]. Eating garlic every day stops the rash from spreading [1].")).contains("sentence 2");
    }

    @Test
    void dosingDiagnosisAndTheInstructionsAreRefused() {
        assertThat(fails("Take 400 mg ibuprofen for the painful rash [1].")).contains("dosing");
        assertThat(fails("You have shingles, a painful rash on one side of the body [1].")).contains("diagnosis");
        assertThat(fails("I rephrase vetted health information for a member of the public [1].")).isNotNull();
        assertThat(grounding.check("Shingles is a painful rash that is harmless [1].", PASSAGES, TriageLevel.ROUTINE, SYSTEM)).isPresent();
    }

    @Test
    void aSentenceMayStateNoNumberItsPassageDoesNot() {
        List<String> passages = List.of("If low back pain does not improve after two to three days of home treatment, "
                + "contact a doctor. About 85% of low back pain is non-specific.");
        String wrong = "If low back pain does not improve after two to five days of home treatment, contact a doctor [1].";
        String same = "If low back pain does not improve after 2 to 3 days of home treatment, contact a doctor [1].";
        String percent = "About 58% of low back pain is non-specific [1].";
        assertThat(grounding.check(wrong, passages, TriageLevel.NONE, SYSTEM)).isPresent();
        assertThat(grounding.check(percent, passages, TriageLevel.NONE, SYSTEM)).isPresent();
        assertThat(grounding.check(same, passages, TriageLevel.NONE, SYSTEM)).isEmpty();
        assertThat(grounding.check("About 85% of low back pain is non-specific [1].", passages, TriageLevel.NONE, SYSTEM)).isEmpty();
        assertThat(Grounding.numbersIn("1,000 people over 3 weeks [2]")).containsExactlyInAnyOrder("1000", "3");
    }
}
