package org.symptomchecker.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The buckets on a clock the test moves: counts, refill, Retry-After, the first refusal, the bound on keys. */
class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aKeyGetsItsAllowanceThenWaitsForARefill() {
        TokenBuckets buckets = new TokenBuckets(3, Duration.ofMinutes(1), 10, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.draw("a").taken()).isTrue();
        }
        TokenBuckets.Draw refused = buckets.draw("a");
        assertThat(refused.taken()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(20); // one of three a minute
        assertThat(refused.firstRefusal()).isTrue();
        assertThat(buckets.draw("a").firstRefusal()).isFalse();
        assertThat(buckets.draw("b").taken()).as("keys are apart").isTrue();

        now.addAndGet(Duration.ofSeconds(19).toNanos());
        TokenBuckets.Draw almost = buckets.draw("a");
        assertThat(almost.taken()).isFalse();
        assertThat(almost.retryAfterSeconds()).isEqualTo(1);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(buckets.draw("a").taken()).isTrue();
        assertThat(buckets.draw("a").firstRefusal()).as("a new run of refusals after a success").isTrue();
    }

    @Test
    void anIdleBucketRefillsOnlyToItsAllowance() {
        TokenBuckets buckets = new TokenBuckets(2, Duration.ofSeconds(10), 10, now::get);
        buckets.draw("a");
        now.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(buckets.draw("a").taken()).isTrue();
        assertThat(buckets.draw("a").taken()).isTrue();
        assertThat(buckets.draw("a").taken()).isFalse();
    }

    @Test
    void theLongestIdleKeyIsForgottenPastTheBound() {
        TokenBuckets buckets = new TokenBuckets(1, Duration.ofHours(1), 2, now::get);
        buckets.draw("a");
        buckets.draw("b");
        buckets.draw("a"); // refused, but used: "b" is now the longest idle
        buckets.draw("c");
        assertThat(buckets.size()).isEqualTo(2);
        assertThat(buckets.draw("a").taken()).as("still tracked").isFalse();
        assertThat(buckets.draw("b").taken()).as("forgotten, so full again").isTrue();
    }

    @Test
    void theForwardedAddressIsTheLastEntry() {
        assertThat(RateLimiter.lastForwarded("203.0.113.9, 10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(RateLimiter.lastForwarded("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(RateLimiter.lastForwarded(" , ")).isNull();
        assertThat(RateLimiter.lastForwarded(null)).isNull();
    }
}
