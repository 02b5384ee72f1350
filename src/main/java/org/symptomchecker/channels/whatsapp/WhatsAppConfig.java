package org.symptomchecker.channels.whatsapp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Meta WhatsApp Cloud API settings; the channel is off (404) until {@code app-secret} is set. */
@ConfigMapping(prefix = "symptom.channels.whatsapp")
public interface WhatsAppConfig {

    /** The token typed into Meta's webhook form; the subscription check answers only when it matches. */
    Optional<String> verifyToken();

    /** The Meta app's secret: key of the X-Hub-Signature-256 HMAC of every delivery. */
    Optional<String> appSecret();

    /** A system user's access token for the Graph API send endpoint. */
    Optional<String> accessToken();

    /** The WhatsApp Business phone number id that sends the replies. */
    Optional<String> phoneNumberId();

    /** The Graph API's base URL (tests point it at a local server). */
    @WithDefault("https://graph.facebook.com")
    String graphBaseUrl();

    /** The Graph API version in the send URL, without the leading v. */
    @WithDefault("21.0")
    String graphVersion();
}
