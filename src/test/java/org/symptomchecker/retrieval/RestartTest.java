package org.symptomchecker.retrieval;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.symptomchecker.RestartedProfile;
import org.symptomchecker.TestFiles;
import org.symptomchecker.chat.Conversation;
import org.symptomchecker.chat.ConversationStore;
import org.symptomchecker.chat.TurnContext;
import org.symptomchecker.triage.Guardrails;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.util.Optional;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second start of the application on the same data folder and database (a profile of its own makes
 * Quarkus restart): nothing is embedded again, the index is reused, conversations carry on.
 */
@QuarkusTest
@TestProfile(RestartedProfile.class)
class RestartTest {


    static JsonPath status() {
        return given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).get("/api/v1/admin/corpus/status")
                .then().statusCode(200).extract().jsonPath();
    }

    @Inject
    ConversationStore conversations;
    @Inject
    Guardrails guardrails;

    /**
     * A conversation the application stored before this restart, picked from the database (the default-profile
     * tests, which always run first, leave many): the newest one matching, or none.
     */
    Optional<TurnContext> storedBefore(String where) {
        return storedBefore(where, c -> true);
    }

    /** As above, the newest one that also passes {@code test} (the interview is encrypted, so it is read, not queried). */
    Optional<TurnContext> storedBefore(String where, java.util.function.Predicate<TurnContext> test) {
        java.time.Instant restarted = guardrails.loadedAt(); // the rules are loaded once as this application starts
        List<String> ids = QuarkusTransaction.requiringNew().call(() -> Conversation.<Conversation>find(
                        where + " createdAt < ?1 order by createdAt desc", restarted).page(0, 500).list().stream().map(c -> c.id).toList());
        return ids.stream().map(this::readable).filter(c -> c != null && test.test(c)).findFirst();
    }

    /** The conversation's context, or null when the store cannot read it (a test spoilt it on purpose). */
    TurnContext readable(String id) {
        try {
            return conversations.context(id, 10);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    @Test
    void restartWithAnUnchangedCorpusEmbedsNothingAndReusesTheIndex() {
        Assumptions.assumeTrue(storedBefore("").isPresent(), "runs after a first start on this data folder (which stored conversations)");
        JsonPath status = status();

        assertThat(status.getBoolean("ready")).isTrue();
        assertThat(status.getLong("passagesEmbeddedSinceStart")).isZero();
        assertThat(status.getLong("questionsEmbeddedSinceStart")).isZero();
        assertThat(status.getBoolean("indexRebuiltOnStart")).isFalse();
        assertThat(status.getLong("indexChangeSeq")).isEqualTo(status.getLong("changeSeq")).isPositive();
        assertThat(status.getInt("lastImport.added")).isZero();
        assertThat(status.getInt("lastImport.updated")).isZero();
        assertThat(given().queryParam("q", "shingles chickenpox virus").get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getList("results.documentId")).contains("shingles");
    }

    @Test
    void interviewBegunBeforeTheRestartContinuesWithTheNextQuestion() {
        Optional<TurnContext> before = storedBefore("messageCount < " + 2 * (RestartedProfile.MAX_TURNS - 1) + " and", // room for one more turn
                c -> "hip-pain".equals(c.activeFlow()));
        Assumptions.assumeTrue(before.isPresent(), "runs after a first start that began a hip-pain interview");
        TurnContext c = before.get();
        String lastQuestion = c.recent().get(c.recent().size() - 1).asks();

        JsonPath next = given().contentType("application/json")
                .body("{\"conversationId\":\"" + c.conversationId() + "\",\"message\":\"no\"}")
                .post("/api/v1/chat").then().statusCode(200).extract().jsonPath();

        assertThat(next.getString("conversationId")).isEqualTo(c.conversationId());
        assertThat(next.getString("interview.flow")).isEqualTo("hip-pain");
        assertThat(next.getString("interview.step")).isNotNull();
        assertThat(next.getString("followUps[0].text")).isNotEqualTo(lastQuestion == null ? "" : lastQuestion);
        assertThat(conversations.history(c.conversationId())).hasSize(c.messageCount() + 2);
    }

    @Test
    void conversationBegunBeforeTheRestartContinues() {
        Optional<TurnContext> before = storedBefore("messageCount < " + 2 * (RestartedProfile.MAX_TURNS - 1) + " and");
        Assumptions.assumeTrue(before.isPresent(), "runs after a first start that stored a conversation");
        String id = before.get().conversationId();

        String continued = given().contentType("application/json")
                .body("{\"conversationId\":\"" + id + "\",\"message\":\"what is TENS\"}")
                .post("/api/v1/chat").then().statusCode(200).extract().jsonPath().getString("conversationId");

        assertThat(continued).isEqualTo(id);
    }
}
