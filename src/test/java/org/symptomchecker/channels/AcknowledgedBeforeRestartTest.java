package org.symptomchecker.channels;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first half of a restart between acknowledgement and send: an instance that does not send acknowledges a
 * WhatsApp and a Slack emergency, queues their replies (PENDING, never tried) and sends nothing. The instance then
 * stops; {@link SentAfterRestartTest} shows the restarted application sends both.
 */
@QuarkusTest
@TestProfile(ChannelsAckOnlyProfile.class)
class AcknowledgedBeforeRestartTest {

    @PlatformApiStub.Server
    WireMockServer api;
    @Inject
    DataSource dataSource;

    @Test
    void emergenciesAreAcknowledgedAndQueuedButNotSent() {
        RestartHandover.Delivery whatsApp = new RestartHandover.Delivery("whatsapp", EndToEnd.uniqueId("wamid.RESTART"), EndToEnd.phoneNumber());
        RestartHandover.Delivery slack = new RestartHandover.Delivery("slack", EndToEnd.uniqueId("EvRestart"), EndToEnd.slackId('D'));
        EndToEnd.postWhatsApp(EndToEnd.whatsAppText(whatsApp.deliveryId(), whatsApp.recipient(), EndToEnd.EMERGENCY)).statusCode(200);
        EndToEnd.postSlackEvent(EndToEnd.slackMessage(slack.deliveryId(), EndToEnd.slackId('U'), slack.recipient(), EndToEnd.EMERGENCY))
                .statusCode(200);

        for (RestartHandover.Delivery d : List.of(whatsApp, slack)) {
            assertThat(EndToEnd.outboxRow(dataSource, d.channel(), d.deliveryId())).as(d.channel())
                    .isEqualTo(new EndToEnd.OutboxRow("PENDING", 0));
        }
        EndToEnd.sleep(EndToEnd.QUIET);
        assertThat(api.getAllServeEvents()).as("nothing sent by an instance with outbox-interval=off").isEmpty();
        for (RestartHandover.Delivery d : List.of(whatsApp, slack)) {
            assertThat(EndToEnd.outboxRow(dataSource, d.channel(), d.deliveryId()).status()).isEqualTo("PENDING");
        }
        RestartHandover.write(List.of(whatsApp, slack));
    }
}
