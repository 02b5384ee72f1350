package org.symptomchecker.channels.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Slack app settings; the channel is off (404) until {@code signing-secret} is set. */
@ConfigMapping(prefix = "symptom.channels.slack")
public interface SlackConfig {

    /** The app's signing secret: key of every request's v0 signature. */
    Optional<String> signingSecret();

    /** The bot user's OAuth token (xoxb-...) for chat.postMessage. */
    Optional<String> botToken();

    /** Slack's Web API base URL (tests point it at a local server). */
    @WithDefault("https://slack.com/api")
    String apiBaseUrl();
}
