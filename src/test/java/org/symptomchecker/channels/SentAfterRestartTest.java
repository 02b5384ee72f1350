package org.symptomchecker.channels;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second half of a restart between acknowledgement and send: the replies {@link AcknowledgedBeforeRestartTest}
 * left queued are sent by the restarted application, each exactly once, and their rows are SENT. WireMock's journal
 * covers this whole application start, so a send made before this class ran counts.
 */
@QuarkusTest
@TestProfile(ChannelsProfile.class)
class SentAfterRestartTest {

    @PlatformApiStub.Server
    WireMockServer api;
    @Inject
    DataSource dataSource;

    @Test
    void repliesAcknowledgedBeforeTheRestartAreSentOnceAfterIt() {
        Assumptions.assumeTrue(Files.exists(RestartHandover.file()), "runs after AcknowledgedBeforeRestartTest in the same mvn run");
        List<RestartHandover.Delivery> deliveries = RestartHandover.read();
        assertThat(deliveries).extracting(RestartHandover.Delivery::channel).containsExactly("whatsapp", "slack");
        for (RestartHandover.Delivery d : deliveries) {
            List<LoggedRequest> sends = EndToEnd.settled(d.channel() + "'s reply after the restart", () -> d.channel().equals("whatsapp")
                    ? EndToEnd.whatsAppSends(api, d.recipient()) : EndToEnd.slackSends(api, d.recipient()), 1);
            assertThat(sends).as(d.channel()).hasSize(1);
            String region = d.channel().equals("whatsapp") ? ChannelsProfile.DEPLOYMENT_REGION : ChannelsProfile.SLACK_REGION;
            assertThat(sends.get(0).getBodyAsString()).as(d.channel()).contains(EndToEnd.emergencyInstruction(region));
            EndToEnd.awaitStatus(dataSource, d.channel(), d.deliveryId(), "SENT");
            assertThat(EndToEnd.outboxRow(dataSource, d.channel(), d.deliveryId()).attempts()).isEqualTo(1);
        }
        EndToEnd.assertNotLogged(deliveries.stream().map(RestartHandover.Delivery::recipient).toList());
    }
}
