package org.symptomchecker.channels.twilio;

import io.restassured.response.Response;
import org.symptomchecker.channels.ChannelsProfile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/** For tests outside this package: an SMS from a number, posted to the Twilio webhook and signed with the test token. */
public final class TwilioWebhooks {

    private TwilioWebhooks() {
    }

    /** Posts the message as Twilio would (form fields, X-Twilio-Signature over the configured public URL). */
    public static Response sms(String from, String body) {
        List<Map.Entry<String, String>> params = List.of(
                Map.entry("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", "")),
                Map.entry("AccountSid", ChannelsProfile.TWILIO_ACCOUNT), Map.entry("From", from),
                Map.entry("To", "+15550000000"), Map.entry("Body", body), Map.entry("NumMedia", "0"));
        String form = params.stream().map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8").body(form)
                .header("X-Twilio-Signature", TwilioSignature.sign(ChannelsProfile.TWILIO_TOKEN, ChannelsProfile.TWILIO_URL, params))
                .post("/channels/twilio");
    }
}
