package org.symptomchecker.chat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestClient;
import org.symptomchecker.RestartedProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A conversation at its cap (3 turns in this profile) stores no more text, and still triages and routes red flags. */
@QuarkusTest
@TestProfile(RestartedProfile.class)
class ConversationCapTest {

    @Inject
    ConversationStore conversations;

    static String full() throws IOException {
        return Files.readString(Path.of("prompts/reply/conversation-full.txt")).strip();
    }

    @Test
    void aFullConversationSaysSoAndStoresNothingMore() throws IOException {
        String id = TestClient.say(null, "what is tens").getString("conversationId");
        TestClient.say(id, "does it help back pain");
        TestClient.say(id, "how often can I use it");
        assertThat(conversations.history(id)).hasSize(6);

        JsonPath capped = TestClient.say(id, "what about shingles");

        assertThat(capped.getString("reply")).isEqualTo(full());
        assertThat(capped.getList("citations")).isEmpty();
        assertThat(capped.getString("conversationId")).isEqualTo(id);
        assertThat(conversations.history(id)).hasSize(6);
    }

    @Test
    void aFullConversationStillRoutesARedFlagAndKeepsItStanding() throws IOException {
        String id = TestClient.say(null, "my lower back is sore").getString("conversationId");
        TestClient.say(id, "i'm 40");
        TestClient.say(id, "it started yesterday");

        JsonPath flag = TestClient.say(id, "now I can't feel my bum when I wipe and can't pee");
        assertThat(flag.getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(flag.getString("reply")).doesNotContain(full());

        JsonPath after = TestClient.say(id, "ok thanks");
        assertThat(after.getString("triage.level")).isEqualTo("EMERGENCY"); // the kept state still holds it
        assertThat(conversations.history(id)).hasSize(6);
    }
}
