package org.symptomchecker.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.symptomchecker.GuardrailsCopy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The semantic red-flag net and the reading of negation, conditions and disguised text, through the
 * running service's stateless triage.
 */
@QuarkusTest
class SemanticNetTest {

    /** A sentence no rule's words cover, so only the net can make it match. */
    static final String ODD = "the purple giraffe sings at midnight";

    static JsonPath triage(String... messages) {
        StringBuilder body = new StringBuilder("{\"messages\": [");
        for (int i = 0; i < messages.length; i++) {
            body.append(i > 0 ? "," : "").append('"').append(messages[i].replace("\"", "\\\"")).append('"');
        }
        return given().contentType(ContentType.JSON).body(body.append("]}").toString())
                .post("/api/v1/triage").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void everyNegationAndDisguisedTextRowComesOutAtItsLevel() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(Path.of("guardrails/evaluation/dev/negation-and-disguise.jsonl"));
        assertThat(lines).hasSizeGreaterThanOrEqualTo(20);
        for (String line : lines) {
            JsonNode c = json.readTree(line);
            String level = given().contentType(ContentType.JSON)
                    .body(json.createObjectNode().set("messages", json.createArrayNode().add(c.get("text"))).toString())
                    .post("/api/v1/triage").then().statusCode(200).extract().jsonPath().getString("level");
            assertThat(level).as(c.get("note").asText() + ": " + c.get("text").asText()).isEqualTo(c.get("level").asText());
        }
    }

    /**
     * Every category issue 7 reported as missed, in words written for this test (dev), through HTTP, held
     * to the safety contract: an EMERGENCY comes out EMERGENCY, an URGENT case at least URGENT, a ROUTINE
     * case at least ROUTINE, and a NONE or SELF_CARE case below URGENT.
     */
    @Test
    void everyMissedCategoryOfIssue7IsTriagedSafely() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(Path.of("guardrails/evaluation/dev/issue7-categories.jsonl"));
        assertThat(lines).hasSizeGreaterThanOrEqualTo(30);
        List<String> order = List.of("NONE", "SELF_CARE", "ROUTINE", "URGENT", "EMERGENCY");
        for (String line : lines) {
            JsonNode c = json.readTree(line);
            var body = json.createObjectNode().set("messages", json.createArrayNode().add(c.get("text")));
            if (c.has("age")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("age", c.get("age").asInt());
            }
            int got = order.indexOf(given().contentType(ContentType.JSON).body(body.toString()).post("/api/v1/triage")
                    .then().statusCode(200).extract().jsonPath().getString("level"));
            int expected = order.indexOf(c.get("level").asText());
            String what = c.get("note").asText() + ": " + c.get("text").asText();
            if (expected == order.indexOf("EMERGENCY")) {
                assertThat(got).as(what).isEqualTo(expected);
            } else if (expected >= order.indexOf("ROUTINE")) {
                assertThat(got).as(what).isGreaterThanOrEqualTo(expected);
            } else {
                assertThat(got).as(what).isLessThan(order.indexOf("URGENT"));
            }
        }
    }

    @Test
    void namedConditionsAskedAboutOrDeniedDoNotEscalateButSymptomsStillDo() {
        assertThat(triage("I read about cauda equina but I don't have any of that").getString("level")).isEqualTo("NONE");
        assertThat(triage("can young people in their twenties have a stroke?").getString("level")).isEqualTo("NONE");
        assertThat(triage("my grandad died of a heart attack at 60, should I get my cholesterol checked?").getString("level")).isEqualTo("NONE");
        assertThat(triage("could this be a stroke? my face is drooping on one side").getString("level")).isEqualTo("EMERGENCY");
        assertThat(triage("I think I'm having a heart attack").getString("level")).isEqualTo("EMERGENCY");
    }

    @Test
    void theNetDoesNotCompleteACombinationFromItsRiskFactorOrUndoTheLexiconsReading() {
        // the risk factor alone is no combination
        assertThat(triage("I'm on chemo, are there any foods I should avoid?").getString("level")).isEqualTo("NONE");
        // a condition talked about, not had
        assertThat(triage("I keep muddling up which ones point to cauda equina and which to cancer.").getString("level")).isEqualTo("NONE");
        // and the same situations said as present still escalate
        assertThat(triage("I'm on chemo and I feel hot and shivery").getString("level")).isIn("URGENT", "EMERGENCY");
        assertThat(triage("I'm type 1 diabetic, been sick all night, breathing fast and deep, breath smells of pear drops").getString("level"))
                .isEqualTo("EMERGENCY");
        assertThat(triage("my back hurts and I think I have cauda equina, I can't feel my bum").getString("level")).isEqualTo("EMERGENCY");
    }

    @Test
    void theNetNeedsBothHalvesOfAPairAndAChildForAChildsRule() {
        // one half of "limp with fever" read by the lexicon, the other absent: no pair
        assertThat(triage("Rolled my ankle on a kerb last night, it's swollen and sore but I can walk on it, with a bit of a limp.")
                .getString("level")).isIn("NONE", "SELF_CARE", "ROUTINE");
        assertThat(triage("our little one (3) has been limping since yesterday and tonight he's really hot and floppy").getString("level"))
                .isEqualTo("EMERGENCY");
        // a known age of 20 rules out the net's child back-pain rule; a teenager still gets it
        JsonPath adult = triage("My 20 yo son hurt his back carrying a sofa up the stairs yesterday, he's walking around fine");
        assertThat(adult.getList("ruleIds", String.class)).doesNotContain("back-pain-child-or-teen");
        assertThat(triage("my 15 yo son has had back pain for a week").getString("level")).isEqualTo("URGENT");
        // a helping-verb negation that is part of what is described leaves the window to the net
        assertThat(triage("My husband is saying words that don't make any sense. Started about 20 min ago.").getString("level"))
                .isEqualTo("EMERGENCY");
    }

    @Test
    void typoToleranceDoesNotFireOnRealWords() {
        assertThat(triage("this lemon drizzle cake is delicious, how many calories in a slice?").getString("level")).isEqualTo("NONE");
        assertThat(triage("crushing chesst pain").getString("level")).isEqualTo("EMERGENCY");
    }

    @Test
    void clinicalRegisterAndCombinationsAreTriagedLikeLayText() {
        assertThat(triage("A 76-year-old man on warfarin presents with a nosebleed for 90 minutes despite firm pressure.").getString("level"))
                .isEqualTo("EMERGENCY");
        assertThat(triage("my 13 year old has type 1, she's vomiting and breathing heavily, ketones are high").getString("level"))
                .isEqualTo("EMERGENCY");
        assertThat(triage("had a steroid injection in my knee last week, now it's hot and swollen and I feel feverish").getString("level"))
                .isEqualTo("EMERGENCY");
        assertThat(triage("sudden agonising pain in my left side going down into my groin, I can't keep still and I've been sick").getString("level"))
                .isEqualTo("EMERGENCY");
    }

    @Test
    void aReloadThatAddsAnExemplarMakesTheNetMatchAndNamesTheExemplar() throws IOException {
        Path bank = GuardrailsCopy.dir().resolve("exemplars.yaml");
        String original = Files.readString(bank);
        assertThat(triage(ODD).getString("level")).isEqualTo("NONE");
        try {
            Files.writeString(bank, original.replace("  - rule: cannot-breathe\n    texts:\n",
                    "  - rule: cannot-breathe\n    texts:\n      - \"" + ODD + "\"\n"));
            assertThat(original).contains("  - rule: cannot-breathe\n    texts:\n");
            GuardrailsReloadTest.reload(200);

            JsonPath r = triage(ODD);
            assertThat(r.getString("level")).isEqualTo("EMERGENCY");
            List<Map<String, Object>> matches = r.getList("matches");
            assertThat(matches).anySatisfy(m -> {
                assertThat(m.get("ruleId")).isEqualTo("cannot-breathe");
                assertThat(m.get("exemplar")).isEqualTo(ODD);
                assertThat(m.get("concept")).isNull();
            });
            // the mention reading applies to the net's windows: denied, asked about, or in the past, it does not count
            assertThat(triage("the purple giraffe does not sing at midnight").getString("level")).isEqualTo("NONE");
            assertThat(triage("what if the purple giraffe sings at midnight?").getString("level")).isEqualTo("NONE");
            // same input, same bank: same output
            assertThat(triage(ODD).getList("matches").toString()).isEqualTo(r.getList("matches").toString());
        } finally {
            Files.writeString(bank, original);
            GuardrailsReloadTest.reload(200);
        }
        assertThat(triage(ODD).getString("level")).isEqualTo("NONE");
    }

    @Test
    void aBrokenBankEntryIsRefusedWithFileAndLine() throws IOException {
        Path bank = GuardrailsCopy.dir().resolve("exemplars.yaml");
        String original = Files.readString(bank);
        try {
            Files.writeString(bank, original + "  - rule: no-such-rule\n    texts:\n      - \"some words here\"\n");
            JsonPath r = GuardrailsReloadTest.reload(422);
            List<Map<String, Object>> errors = r.getList("errors");
            assertThat(errors).anySatisfy(e -> {
                assertThat(e.get("file")).isEqualTo("exemplars.yaml");
                assertThat(((Number) e.get("line")).intValue()).isPositive();
                assertThat(e.get("problem").toString()).contains("no-such-rule");
            });
        } finally {
            Files.writeString(bank, original);
        }
    }
}
