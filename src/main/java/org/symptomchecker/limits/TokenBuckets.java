package org.symptomchecker.limits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (an address, a conversation, a sender): {@code allowance} tokens when full, refilled
 * evenly over {@code period}; a request takes one token. At most {@code maxKeys} keys are kept: past that, the key
 * unused longest is forgotten (it comes back full, as an idle key would have refilled anyway), so memory is bounded.
 */
final class TokenBuckets {

    /** A request's draw: taken, or refused with the seconds until a token is back and whether it is the first refusal since the last success. */
    record Draw(boolean taken, long retryAfterSeconds, boolean firstRefusal) {
        static final Draw TAKEN = new Draw(true, 0, false);
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;
        boolean refused;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    private final double allowance;
    private final double tokensPerNano;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets;

    TokenBuckets(int allowance, java.time.Duration period, int maxKeys, LongSupplier clock) {
        this.allowance = Math.max(1, allowance);
        this.tokensPerNano = this.allowance / (double) Math.max(1, period.toNanos());
        this.clock = clock;
        int cap = Math.max(1, maxKeys);
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > cap;
            }
        };
    }

    synchronized Draw draw(String key) {
        long now = clock.getAsLong();
        Bucket b = buckets.get(key);
        if (b == null) {
            b = new Bucket(allowance, now);
            buckets.put(key, b);
        } else {
            b.tokens = Math.min(allowance, b.tokens + (now - b.updatedNanos) * tokensPerNano);
            b.updatedNanos = now;
        }
        if (b.tokens >= 1) {
            b.tokens -= 1;
            b.refused = false;
            return Draw.TAKEN;
        }
        boolean first = !b.refused;
        b.refused = true;
        double waitNanos = (1 - b.tokens) / tokensPerNano;
        return new Draw(false, Math.max(1, (long) Math.ceil(waitNanos / 1e9)), first);
    }

    synchronized int size() {
        return buckets.size();
    }
}
