package org.symptomchecker.console.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.console.ConsoleConfig;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per username and per client address over a sliding window; at the limit, the key is locked
 * until its oldest failure leaves the window. Kept in this instance's memory: with several instances a guesser gets the
 * limit once per instance.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Past this many tracked keys, those whose failures have all left the window are dropped. */
    private static final int MAX_KEYS = 100_000;

    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final int maxPerUser;
    private final int maxPerAddress;
    private final long windowMillis;

    public LoginThrottle(ConsoleConfig config) {
        this.maxPerUser = Math.max(1, config.login().maxFailures());
        this.maxPerAddress = Math.max(1, config.login().maxFailuresPerAddress().orElse(maxPerUser));
        this.windowMillis = config.login().window().toMillis();
    }

    /** Seconds until the username or the address may try again, or empty when neither is locked. */
    public OptionalLong lockedFor(String username, String address) {
        long now = System.currentTimeMillis();
        long wait = Math.max(waitMillis(userKey(username), maxPerUser, now), waitMillis(addressKey(address), maxPerAddress, now));
        return wait > 0 ? OptionalLong.of((wait + 999) / 1000) : OptionalLong.empty();
    }

    public void failed(String username, String address) {
        long now = System.currentTimeMillis();
        if (failures.size() > MAX_KEYS) {
            // drop what has left the window; live locks stay, so a flood of names cannot lift one
            failures.values().removeIf(times -> {
                synchronized (times) {
                    prune(times, now);
                    return times.isEmpty();
                }
            });
        }
        for (String key : new String[] {userKey(username), addressKey(address)}) {
            Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                prune(times, now);
                times.addLast(now);
            }
        }
    }

    /** A correct login clears its username's failures (not its address's: one good account does not vouch for others). */
    public void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private long waitMillis(String key, int max, long now) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < max) {
                return 0;
            }
            // locked until enough failures have left the window to bring the count under the limit
            long releasingFailure = times.stream().skip(times.size() - max).findFirst().orElse(now);
            return releasingFailure + windowMillis - now;
        }
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.removeFirst();
        }
    }

    private static String userKey(String username) {
        return "u:" + username.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
