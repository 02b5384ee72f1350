package org.symptomchecker.channels.twilio;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.symptomchecker.channels.ChannelsProfile;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Twilio's webhook through real HTTP, signed as Twilio signs. */
@QuarkusTest
@TestProfile(ChannelsProfile.class)
class TwilioWebhookTest {

    private static final Pattern MESSAGE = Pattern.compile("<Message>(.*?)</Message>", Pattern.DOTALL);
    private static final String EMPTY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    @Inject
    DataSource dataSource;
    @Inject
    org.symptomchecker.triage.Guardrails guardrails;

    /** A number of its own for each test, so that STOP in one does not silence another. */
    private static String number() {
        return "+1555" + String.format("%07d", (long) (Math.random() * 10_000_000));
    }

    static Map<String, String> params(String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        params.put("AccountSid", "AC0123456789");
        params.put("From", from);
        params.put("To", "+15550000000");
        params.put("Body", body);
        params.put("NumMedia", "0");
        return params;
    }

    /** Base64(HMAC-SHA1(token, url + each parameter, sorted by name, as name then value)). */
    static String signature(String token, String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Response post(Map<String, String> params, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").body(form(params));
        if (signature != null) {
            request = request.header("X-Twilio-Signature", signature);
        }
        return request.post("/channels/twilio");
    }

    private static Response signed(Map<String, String> params) throws Exception {
        return post(params, signature(ChannelsProfile.TWILIO_TOKEN, ChannelsProfile.TWILIO_URL, params));
    }

    private static String say(String from, String body) throws Exception {
        Response r = signed(params(from, body));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/xml");
        return r.asString();
    }

    private static List<String> messages(String twiml) {
        List<String> out = new ArrayList<>();
        Matcher m = MESSAGE.matcher(twiml);
        while (m.find()) {
            out.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&"));
        }
        return out;
    }

    private int deliveries(String sid) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from channel_delivery where delivery_id = ?")) {
            s.setString(1, sid);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    void aSignedMessageIsAnsweredWithTwimlAndSources() throws Exception {
        List<String> reply = messages(say(number(), "does a tens machine help with back pain?"));
        assertThat(reply).hasSize(1);
        assertThat(reply.get(0)).contains("Source: ").doesNotContain("<");
    }

    @Test
    void aTamperedOrUnsignedRequestIsRefusedAndNothingStored() throws Exception {
        Map<String, String> params = params(number(), "hello");
        String good = signature(ChannelsProfile.TWILIO_TOKEN, ChannelsProfile.TWILIO_URL, params);
        String sid = params.get("MessageSid");

        Map<String, String> otherBody = new LinkedHashMap<>(params);
        otherBody.put("Body", "hello!");
        Map<String, String> extraParam = new LinkedHashMap<>(params);
        extraParam.put("MediaUrl0", "https://attacker.example/x.png");
        List<Response> refused = List.of(
                post(otherBody, good),
                post(extraParam, good),
                post(params, signature(ChannelsProfile.TWILIO_TOKEN, "https://attacker.example/channels/twilio", params)),
                post(params, signature("not-the-token", ChannelsProfile.TWILIO_URL, params)),
                post(params, good.substring(0, good.length() - 2) + "AA"),
                post(params, null),
                post(params, ""));
        for (Response r : refused) {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.jsonPath().getInt("status")).isEqualTo(403);
        }
        assertThat(deliveries(sid)).as("nothing stored").isZero();
        assertThat(post(params, good).statusCode()).isEqualTo(200);
        assertThat(deliveries(sid)).isOne();
    }

    @Test
    void aRepeatedMessageSidIsAnsweredOnce() throws Exception {
        Map<String, String> params = params(number(), "does a tens machine help with back pain?");
        Response first = signed(params);
        Response second = signed(params);
        assertThat(messages(first.asString())).isNotEmpty();
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.asString()).isEqualTo(EMPTY);
    }

    @Test
    void theSameMessageSidAtOnceIsAnsweredOnce() throws Exception {
        Map<String, String> params = params(number(), "my lower back aches after gardening");
        String signature = signature(ChannelsProfile.TWILIO_TOKEN, ChannelsProfile.TWILIO_URL, params);
        List<CompletableFuture<String>> both = List.of(
                CompletableFuture.supplyAsync(() -> post(params, signature).asString()),
                CompletableFuture.supplyAsync(() -> post(params, signature).asString()));
        List<String> bodies = both.stream().map(CompletableFuture::join).toList();
        assertThat(bodies).filteredOn(b -> b.contains("<Message>")).hasSize(1);
        assertThat(bodies).filteredOn(EMPTY::equals).hasSize(1);
    }

    @Test
    void anEmergencyBySmsHasTheInstructionAndNumberInItsFirst160Characters() throws Exception {
        List<String> reply = messages(say(number(), "I have crushing chest pain spreading to my left arm"));
        assertThat(reply).isNotEmpty();
        String first160 = reply.get(0).substring(0, Math.min(160, reply.get(0).length()));
        assertThat(first160).containsIgnoringCase("call").containsPattern("\\d{2,3}").containsIgnoringCase("emergency");
    }

    @Test
    void anEmergencyByWhatsappThroughTwilioGetsTheEmergencyReply() throws Exception {
        List<String> reply = messages(say("whatsapp:" + number(), "I have crushing chest pain spreading to my left arm"));
        assertThat(reply).isNotEmpty();
        assertThat(reply.get(0)).containsIgnoringCase("call").containsPattern("\\d{2,3}").containsIgnoringCase("emergency");
    }

    @Test
    void followUpOptionsAreANumberedMenuAndANumberChooses() throws Exception {
        String from = number();
        String menu = String.join("\n", messages(say(from, "I have sciatica, pain shooting down my leg")));
        Matcher both = Pattern.compile("(\\d+) for Both legs").matcher(menu);
        assertThat(menu).contains("Reply 1 for ");
        assertThat(both.find()).as(menu).isTrue();
        String chosen = String.join("\n", messages(say(from, both.group(1))));
        assertThat(chosen).as("'Both legs' with sciatica is an emergency").containsIgnoringCase("emergency").containsPattern("\\d{2,3}");
    }

    @Test
    void stopSilencesTheSenderAndStartResumes() throws Exception {
        String from = number();
        assertThat(say(from, "STOP")).isEqualTo(EMPTY);
        assertThat(say(from, "does a tens machine help with back pain?")).isEqualTo(EMPTY);
        String number = guardrails.region(null, TwilioResource.SMS).emergencyNumber();
        String help = messages(say(from, "help")).get(0);
        assertThat(help).contains("STOP", "START", "call " + number);
        assertThat(help.length()).as("one SMS").isLessThanOrEqualTo(160);
        assertThat(messages(say(from, "Start"))).hasSize(1);
        assertThat(messages(say(from, "does a tens machine help with back pain?")).get(0)).contains("Source: ");
        assertThat(say(from, "unsubscribe")).isEqualTo(EMPTY);
        assertThat(say(from, "hello")).isEqualTo(EMPTY);
    }

    @Test
    void theSendersNumberIsNeverStoredInClearNorLogged() throws Exception {
        String from = number();
        say(from, "does a tens machine help with back pain?");
        say(from, "I have sciatica, pain shooting down my leg");
        String digits = from.substring(1);
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet t = meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
                while (t.next()) {
                    tables.add(t.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).isNotEmpty();
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select * from \"" + table + "\"")) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        for (int i = 1; i <= columns; i++) {
                            int type = r.getMetaData().getColumnType(i);
                            if (type == Types.VARCHAR || type == Types.CHAR || type == Types.CLOB || type == Types.LONGVARCHAR) {
                                assertThat(String.valueOf(r.getString(i))).as(table).doesNotContain(digits);
                            }
                        }
                    }
                }
            }
        }
        Path log = Path.of(ChannelsProfile.LOG_FILE);
        assertThat(log).exists();
        assertThat(Files.readString(log)).doesNotContain(digits);
    }
}
