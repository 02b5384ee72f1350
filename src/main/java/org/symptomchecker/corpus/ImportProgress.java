package org.symptomchecker.corpus;

import java.util.Locale;

/**
 * Where the running (or last) import stands: files done of those found so far, documents stored, passages
 * embedded, since when; and, while a file is being read, how far into it. Readiness shows it and a log line
 * repeats it every 10 s. {@link #UNKNOWN} stands for a count or an estimate that cannot be told (yet).
 */
public record ImportProgress(boolean running, int filesDone, int filesTotal, long documents, long passagesEmbedded,
                             long startedAtMillis, InFile file) {

    public static final long UNKNOWN = -1;

    /**
     * The file being read: its records settled (stored, found unchanged or refused, in committed batches) of the
     * records it holds, which is {@link #UNKNOWN} until they are counted. The rate is taken over the last minute or
     * so ({@code doneAtRateStart} records were settled at {@code rateStartMillis}), so that a restart's quick pass
     * over records committed before does not make the rest look quick.
     */
    public record InFile(String name, long done, long total, long rateStartMillis, long doneAtRateStart) {

        /** "1200 of 18000", or "1200 of unknown" before the file's records are counted. */
        public String describe() {
            return done + " of " + (total == UNKNOWN ? "unknown" : Long.toString(total));
        }

        /** Records settled a second, lately. */
        public double perSecond(long nowMillis) {
            long elapsed = nowMillis - rateStartMillis;
            return elapsed <= 0 ? 0 : (done - doneAtRateStart) * 1000.0 / elapsed;
        }

        /** Seconds until the file is done at its recent rate; UNKNOWN without a total or before the first batch. */
        public long secondsLeft(long nowMillis) {
            double rate = perSecond(nowMillis);
            return total == UNKNOWN || rate == 0 ? UNKNOWN : Math.round(Math.max(0, total - done) / rate);
        }
    }

    static ImportProgress idle() {
        return new ImportProgress(false, 0, 0, 0, 0, 0, null);
    }

    /** Files a second since the import began (0 before the first file is done). */
    public double filesPerSecond(long nowMillis) {
        long elapsed = nowMillis - startedAtMillis;
        return elapsed <= 0 || filesDone == 0 ? 0 : filesDone * 1000.0 / elapsed;
    }

    /**
     * Seconds left in all, or UNKNOWN: the file being read at its own rate, then the files after it at the rate
     * of files so far.
     */
    public long secondsLeft(long nowMillis) {
        if (!running) {
            return UNKNOWN;
        }
        long inFile = 0;
        int after = filesTotal - filesDone;
        if (file != null) {
            inFile = file.secondsLeft(nowMillis);
            after--;
            if (inFile == UNKNOWN) {
                return UNKNOWN;
            }
        }
        if (after <= 0) {
            return inFile;
        }
        double rate = filesPerSecond(nowMillis);
        return rate == 0 ? UNKNOWN : inFile + Math.round(after / rate);
    }

    /** A count of seconds, or "unknown". */
    public static String seconds(long seconds) {
        return seconds == UNKNOWN ? "unknown" : Long.toString(seconds);
    }

    /** A rate with two decimals. */
    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.2f", perSecond);
    }
}
