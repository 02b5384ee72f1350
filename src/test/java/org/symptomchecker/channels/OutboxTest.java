package org.symptomchecker.channels;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inbox takes a delivery once and queues its reply; the worker sends it, retrying with backoff. */
@QuarkusTest
@TestProfile(ChannelsProfile.class)
class OutboxTest {

    @Inject
    ChannelInbox inbox;
    @Inject
    FakeSender fake;
    @Inject
    OutboxWorker worker;
    @Inject
    UnconfiguredSender unconfigured;
    @Inject
    DataSource dataSource;

    private static InboundMessage message(String replyTo) {
        return new InboundMessage(FakeSender.CHANNEL, UUID.randomUUID().toString(), "U-" + replyTo, replyTo,
                "does a tens machine help with back pain?");
    }

    private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + within).isLessThan(end);
            Thread.sleep(50);
        }
    }

    @Test
    void aDeliveryIsTakenOnceAndItsReplySent() throws Exception {
        InboundMessage m = message("ok:" + UUID.randomUUID());
        assertThat(inbox.accept(m)).isTrue();
        assertThat(inbox.accept(m)).as("a retry of the same delivery").isFalse();
        await(() -> !fake.calls(m.replyTo()).isEmpty(), Duration.ofSeconds(10));
        Thread.sleep(600);
        assertThat(fake.calls(m.replyTo())).hasSize(1);
        assertThat(fake.calls(m.replyTo()).get(0).reply().reply()).isNotBlank();
        assertThat(fake.calls(m.replyTo()).get(0).reply().citations()).isNotEmpty();
    }

    @Test
    void aDeliveryWhoseAnswerFailedIsNotTakenSoItsRetryIsAnswered() throws Exception {
        InboundMessage good = message("ok:" + UUID.randomUUID());
        InboundMessage broken = new InboundMessage(good.channel(), good.deliveryId(), good.sender(), good.replyTo(), null);
        assertThatThrownBy(() -> inbox.accept(broken)).isInstanceOf(RuntimeException.class);
        assertThat(status(good)).as("nothing queued").isEmpty();
        assertThat(inbox.accept(good)).as("the platform's retry").isTrue();
        await(() -> status(good).equals("SENT"), Duration.ofSeconds(10));
        assertThat(fake.calls(good.replyTo())).hasSize(1);
    }

    @Test
    void a429IsRetriedAfterItsRetryAfter() throws Exception {
        InboundMessage m = message("429x2:" + UUID.randomUUID());
        assertThat(inbox.accept(m)).isTrue();
        await(() -> fake.calls(m.replyTo()).size() == 3, Duration.ofSeconds(15));
        List<FakeSender.Call> calls = fake.calls(m.replyTo());
        assertThat(calls.get(2).taken()).isTrue();
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Duration.between(calls.get(1).at(), calls.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        await(() -> status(m).equals("SENT"), Duration.ofSeconds(5));
    }

    @Test
    void aSendStillRefusedAfterMaxAttemptsIsFailedAndCounted() throws Exception {
        long before = worker.failedSends();
        InboundMessage m = message("down:" + UUID.randomUUID());
        assertThat(inbox.accept(m)).isTrue();
        await(() -> status(m).equals("FAILED"), Duration.ofSeconds(20));
        assertThat(fake.calls(m.replyTo())).hasSize(ChannelsProfile.MAX_ATTEMPTS);
        assertThat(worker.failedSends()).isGreaterThan(before);
        assertThat(lastError(m)).contains("429");
    }

    @Test
    void aPermanentRefusalIsFailedAtOnce() throws Exception {
        InboundMessage m = message("bad:" + UUID.randomUUID());
        assertThat(inbox.accept(m)).isTrue();
        await(() -> status(m).equals("FAILED"), Duration.ofSeconds(10));
        assertThat(fake.calls(m.replyTo())).hasSize(1);
    }

    @Test
    void aRowOfAChannelThisInstanceHasNoCredentialsForIsLeftForAnother() throws Exception {
        InboundMessage m = new InboundMessage(UnconfiguredSender.CHANNEL, UUID.randomUUID().toString(), "U-x", "x:" + UUID.randomUUID(),
                "does a tens machine help with back pain?");
        assertThat(inbox.accept(m)).isTrue();
        worker.sendDue();
        Thread.sleep(1500); // a scheduled pass or two
        assertThat(status(m)).isEqualTo("PENDING");
        assertThat(unconfigured.calls()).isZero();
    }

    /** The status of the outbox row answering this message. */
    private String status(InboundMessage m) {
        return column(m, "status");
    }

    private String lastError(InboundMessage m) {
        return column(m, "last_error");
    }

    private String column(InboundMessage m, String column) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select " + column + " from channel_outbox where channel = ? and delivery_id = ?")) {
            s.setString(1, m.channel());
            s.setString(2, m.deliveryId());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? String.valueOf(r.getString(1)) : "";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
