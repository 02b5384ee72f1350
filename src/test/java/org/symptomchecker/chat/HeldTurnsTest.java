package org.symptomchecker.chat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.TestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Turns answered while the database could not record them are held in the data folder, encrypted, and written when
 * it takes writes again: as they would have been, after what was stored meanwhile (the kept triage state then rebuilt
 * from every message), never twice, and never bringing back an erased conversation. The real database and files; the
 * outage itself is played by holding turns directly (HungDatabaseTest plays it through a hung PostgreSQL).
 */
@QuarkusTest
class HeldTurnsTest {

    static final String FLAG = "now I can't feel my bum when I wipe and can't pee";

    @Inject
    HeldTurns held;
    @Inject
    ConversationStore conversations;
    @Inject
    SymptomConfig config;

    Path folder() {
        return Path.of(config.dataDir()).resolve("held-turns");
    }

    List<Path> files() throws IOException {
        if (!Files.isDirectory(folder())) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(folder())) {
            return all.filter(p -> p.toString().endsWith(".turn")).toList();
        }
    }

    static TurnRecord turn(String user, String reply, String level, String state) {
        return new TurnRecord(new ConversationStore.Profile(40, "female", "web", null), user, reply, null, true, null, false,
                state, new TurnRecord.Triaged(level, List.of("test-rule"), "test", 0, "web"));
    }

    @BeforeEach
    void nothingHeldFromBefore() {
        held.replay();
        assertThat(held.count()).isZero();
    }

    @Test
    void aNewConversationsTurnIsHeldEncryptedAndStoredWhenTheDatabaseTakesIt() throws IOException {
        String id = ConversationStore.newId();
        assertThat(held.hold(TurnContext.fresh(id, null), id, true, turn(FLAG, "Call 911 now.", "EMERGENCY", "{}"))).isTrue();

        assertThat(held.count()).isEqualTo(1);
        assertThat(files()).hasSize(1);
        String onDisk = Files.readString(files().get(0));
        assertThat(onDisk).doesNotContain("bum").doesNotContain("911").doesNotContain(id);
        assertThat(files().get(0).getFileName().toString()).doesNotContain(id);
        assertThat(conversations.history(id)).isEmpty();

        assertThat(held.replay()).isEqualTo(1);

        assertThat(conversations.history(id)).extracting(m -> m.text).containsExactly(FLAG, "Call 911 now.");
        assertThat(files()).isEmpty();
        assertThat(held.count()).isZero();
        assertThat(TestClient.say(id, "ok thanks").getString("triage.level")).as("the held turn's kept state stands").isEqualTo("EMERGENCY");
    }

    @Test
    void aTurnWhoseFirstWriteWentThroughAfterAllIsNotStoredTwice() {
        String id = TestClient.say(null, "what is tens").getString("conversationId");
        TurnContext read = conversations.context(id, 40);
        TurnRecord late = turn("does it help back pain", "It may.", "NONE", "{}");
        conversations.record(read, late); // the write the turn gave up on committed later
        held.hold(read, id, false, late);

        held.replay();

        assertThat(conversations.history(id)).hasSize(4);
    }

    @Test
    void aHeldTurnOfAConversationThatMovedOnGoesAfterItAndItsRedFlagStands() {
        String id = TestClient.say(null, "my lower back is sore").getString("conversationId");
        TurnContext read = conversations.context(id, 40);
        held.hold(read, id, false, turn(FLAG, "Call 911 now.", "EMERGENCY", "{}"));
        TestClient.say(id, "it started yesterday"); // answered on another instance meanwhile

        held.replay();

        assertThat(conversations.history(id)).hasSize(6);
        assertThat(conversations.history(id).get(4).text).isEqualTo(FLAG);
        JsonPath after = TestClient.say(id, "ok thanks");
        assertThat(after.getString("triage.level")).as("triage state rebuilt from every stored message").isEqualTo("EMERGENCY");
    }

    @Test
    void aTurnThatCouldNotReadItsConversationIsPutAfterTheStoredOnes() {
        String id = TestClient.say(null, "my lower back is sore").getString("conversationId");
        held.hold(null, id, false, turn(FLAG, "Call 911 now.", "EMERGENCY", "{}"));

        held.replay();

        assertThat(conversations.history(id)).extracting(m -> m.text).endsWith(FLAG, "Call 911 now.");
        assertThat(TestClient.say(id, "ok thanks").getString("triage.level")).isEqualTo("EMERGENCY");
    }

    @Test
    void anErasedConversationIsNotBroughtBackByItsHeldTurns() {
        String fresh = ConversationStore.newId();
        held.hold(TurnContext.fresh(fresh, null), fresh, true, turn("what is tens", "TENS is...", "NONE", "{}"));
        given().delete("/api/v1/conversations/" + fresh).then().statusCode(204); // only held: still erased at once

        String stored = TestClient.say(null, "what is tens").getString("conversationId");
        held.hold(null, stored, false, turn("does it help", "It may.", "NONE", "{}"));
        given().delete("/api/v1/conversations/" + stored).then().statusCode(204);

        held.replay();

        assertThat(conversations.history(fresh)).isEmpty();
        assertThat(conversations.history(stored)).isEmpty();
        assertThat(held.count()).isZero();
    }

    @Test
    void aHeldFileMovedOrAlteredIsSetAsideNotStored() throws IOException {
        String id = ConversationStore.newId();
        held.hold(TurnContext.fresh(id, null), id, true, turn("what is tens", "TENS is...", "NONE", "{}"));
        Path file = files().get(0);
        Path renamed = file.resolveSibling("0" + file.getFileName().toString().substring(1)); // the name is bound to the text
        Files.move(file, renamed);

        held.replay();

        assertThat(conversations.history(id)).isEmpty();
        assertThat(files()).isEmpty();
        assertThat(folder().resolve("unreadable").resolve(renamed.getFileName())).exists();
        assertThat(held.count()).isZero();
    }
}
