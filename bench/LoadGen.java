import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop HTTP load generator (plain JDK 17, runnable as a single-file source program).
 *
 * <p>Requests are scheduled at fixed intervals of 1/rate from the start time, independent of
 * responses, and sent over plain HTTP/1.1 kept-alive sockets (or, with --client jdk, with
 * {@link HttpClient#sendAsync}). Latency is measured from the
 * <em>scheduled</em> send time, so a stalled server or a lagging generator shows up in the
 * latency numbers instead of silently lowering the offered load (no coordinated omission).
 *
 * <pre>
 * java bench/LoadGen.java --url http://127.0.0.1:8080/api/v1/chat --rate 100 --duration 30 \
 *     [--warmup 5] [--messages bench/chat-messages.txt] [--method POST|GET] [--timeout-ms 5000] \
 *     [--max-in-flight 2000] [--find-max START:STEP:MAX [--slo-ms 100] [--keep-going]]
 * </pre>
 *
 * Only loopback targets (127.0.0.1, localhost, ::1) are accepted.
 */
public class LoadGen {

    // per-request outcome codes (HTTP status codes are stored as themselves, > 0)
    static final int PENDING = 0;
    static final int TIMEOUT = -1;
    static final int IO_ERROR = -2;
    static final int DROPPED = -3;   // max-in-flight reached: not sent
    static final int NOT_SENT = -4;  // generator fell too far behind: not sent

    static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "::1", "0:0:0:0:0:0:0:1");

    // ------------------------------------------------------------------ configuration

    static final class Config {
        String url;
        String method = "POST";
        double rate = -1;
        double duration = -1;
        double warmup = 0;
        String messages = "bench/chat-messages.txt";
        int timeoutMs = 5000;
        int maxInFlight = 2000;
        double[] findMax;        // start, step, max; null for a single run
        double sloMs = 100;
        boolean keepGoing = false;
        boolean unique = false;   // every request a message never sent before (caches inside the service miss)
        String client = "raw";    // raw: plain HTTP/1.1 sockets (cheap); jdk: java.net.http.HttpClient

        static Config parse(String[] args) {
            Config c = new Config();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {       // also accept --opt=value
                    v = a.substring(eq + 1);
                    a = a.substring(0, eq);
                }
                switch (a) {
                    case "-h", "--help" -> throw new HelpRequested();
                    case "--keep-going" -> c.keepGoing = true;
                    case "--unique" -> c.unique = true;
                    default -> {
                        if (v == null) {
                            if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + a);
                            v = args[++i];
                        }
                        switch (a) {
                            case "--url" -> c.url = v;
                            case "--rate" -> c.rate = positive(a, v);
                            case "--duration" -> c.duration = positive(a, v);
                            case "--warmup" -> c.warmup = nonNegative(a, v);
                            case "--messages" -> c.messages = v;
                            case "--method" -> c.method = v.toUpperCase(Locale.ROOT);
                            case "--timeout-ms" -> c.timeoutMs = (int) positive(a, v);
                            case "--max-in-flight" -> c.maxInFlight = (int) positive(a, v);
                            case "--slo-ms" -> c.sloMs = positive(a, v);
                            case "--find-max" -> c.findMax = parseFindMax(v);
                            case "--client" -> {
                                if (!v.equals("raw") && !v.equals("jdk")) throw new IllegalArgumentException("--client must be raw or jdk");
                                c.client = v;
                            }
                            default -> throw new IllegalArgumentException("unknown option " + a);
                        }
                    }
                }
            }
            if (c.url == null) throw new IllegalArgumentException("--url is required");
            if (!c.method.equals("POST") && !c.method.equals("GET"))
                throw new IllegalArgumentException("--method must be POST or GET");
            if (c.duration <= 0) throw new IllegalArgumentException("--duration (seconds) is required");
            if (c.findMax == null && c.rate <= 0) throw new IllegalArgumentException("--rate is required (or --find-max)");
            if (c.timeoutMs < 1 || c.maxInFlight < 1)
                throw new IllegalArgumentException("--timeout-ms and --max-in-flight must be >= 1");
            checkLoopback(c.url);
            return c;
        }

        static double positive(String name, String v) {
            double d = number(name, v);
            if (!(d > 0)) throw new IllegalArgumentException(name + " must be > 0 (got " + v + ")");
            return d;
        }

        static double nonNegative(String name, String v) {
            double d = number(name, v);
            if (!(d >= 0)) throw new IllegalArgumentException(name + " must be >= 0 (got " + v + ")");
            return d;
        }

        static double number(String name, String v) {
            try {
                double d = Double.parseDouble(v.trim());
                if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " expects a number (got '" + v + "')");
            }
        }

        static double[] parseFindMax(String v) {
            String[] p = v.split(":");
            if (p.length != 3) throw new IllegalArgumentException("--find-max expects START:STEP:MAX (e.g. 100:50:600)");
            double start = positive("--find-max START", p[0]);
            double step = positive("--find-max STEP", p[1]);
            double max = positive("--find-max MAX", p[2]);
            if (max < start) throw new IllegalArgumentException("--find-max MAX must be >= START");
            return new double[] {start, step, max};
        }
    }

    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super(null, null, false, false);
        }
    }

    /** Refuses every target that is not a loopback host. */
    static void checkLoopback(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid --url: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https"))
            throw new IllegalArgumentException("--url must be an http:// or https:// URL (got '" + url + "')");
        String host = uri.getHost();
        if (host == null) throw new IllegalArgumentException("--url has no host: '" + url + "'");
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (!LOOPBACK_HOSTS.contains(host))
            throw new IllegalArgumentException("refusing to load-test host '" + uri.getHost()
                    + "': only 127.0.0.1, localhost and ::1 are allowed");
    }

    // ------------------------------------------------------------------ request building

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') b.append(String.format("\\u%04x", (int) ch));
                    else b.append(ch);
                }
            }
        }
        return b.append('"').toString();
    }

    static List<String> readMessages(String file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty()) out.add(t);
        }
        if (out.isEmpty()) throw new IOException("no messages in " + file);
        return out;
    }

    /** A POST's JSON body: a search (a URL path ending in /search) takes its query, the chat its message. */
    static String postBody(String path, String message) {
        return path.endsWith("/search") ? "{\"q\": " + jsonString(message) + ", \"limit\": 10}" : "{\"message\": " + jsonString(message) + "}";
    }

    /** A GET's query string for a message (after the URL's own query, if any). */
    static String getQuery(String message) {
        return "q=" + URLEncoder.encode(message, StandardCharsets.UTF_8).replace("+", "%20") + "&limit=10";
    }

    /** One immutable request per message; request i uses message i % n (round-robin). */
    static List<HttpRequest> buildRequests(Config c, List<String> messages) {
        List<HttpRequest> out = new ArrayList<>(messages.size());
        Duration timeout = Duration.ofMillis(c.timeoutMs);
        for (String m : messages) {
            HttpRequest.Builder b;
            if (c.method.equals("GET")) {
                String sep = c.url.contains("?") ? "&" : "?";
                b = HttpRequest.newBuilder(URI.create(c.url + sep + getQuery(m))).GET();
            } else {
                String body = postBody(URI.create(c.url).getPath(), m);
                b = HttpRequest.newBuilder(URI.create(c.url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            }
            out.add(b.header("Accept", "application/json").timeout(timeout).build());
        }
        return out;
    }

    // ------------------------------------------------------------------ transports

    /** What became of one request: an HTTP status (> 0), TIMEOUT or IO_ERROR (with why). */
    interface Done {
        void complete(int code, String why);
    }

    /** Sends request number {@code message} (of {@link #size()}) and reports its outcome once, from any thread. */
    interface Sender {
        void send(int message, Done done);

        int size();
    }

    /** The JDK's HttpClient (sendAsync): simple, but it costs the generator ~2 ms of CPU a request here. */
    static final class JdkSender implements Sender {
        private final HttpClient client;
        private final List<HttpRequest> requests;

        JdkSender(Config c, List<String> messages) {
            this.requests = buildRequests(c, messages);
            this.client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)   // never leave the given URL
                    .proxy(HttpClient.Builder.NO_PROXY)            // talk to the loopback target directly
                    .connectTimeout(Duration.ofMillis(c.timeoutMs))
                    .build();
        }

        @Override
        public int size() {
            return requests.size();
        }

        @Override
        public void send(int message, Done done) {
            client.sendAsync(requests.get(message), HttpResponse.BodyHandlers.discarding()).whenComplete((resp, ex) -> {
                if (ex == null) {
                    done.complete(resp.statusCode(), null);
                } else {
                    Throwable t = unwrap(ex);
                    done.complete(t instanceof HttpTimeoutException ? TIMEOUT : IO_ERROR, describe(t));
                }
            });
        }
    }

    /**
     * Plain HTTP/1.1 over kept-alive sockets, one blocking exchange per thread (threads and connections grow with the
     * requests in flight, up to --max-in-flight): the generator then spends little of the two cores it shares with
     * the service. The request bytes are built once per message.
     */
    static final class RawSender implements Sender {
        private final String host;
        private final int port;
        private final byte[][] requests;
        private final int timeoutMs;
        private final java.util.concurrent.ConcurrentLinkedDeque<Connection> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
        private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loadgen-raw");
            t.setDaemon(true);
            return t;
        });

        RawSender(Config c, List<String> messages) {
            URI uri = URI.create(c.url);
            this.host = uri.getHost();
            this.port = uri.getPort() > 0 ? uri.getPort() : 80;
            this.timeoutMs = c.timeoutMs;
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = uri.getRawQuery();
            this.requests = new byte[messages.size()][];
            for (int i = 0; i < messages.size(); i++) {
                String m = messages.get(i);
                String head;
                byte[] body = new byte[0];
                if (c.method.equals("GET")) {
                    head = "GET " + path + "?" + (query == null ? "" : query + "&") + getQuery(m) + " HTTP/1.1\r\n";
                } else {
                    body = postBody(path, m).getBytes(StandardCharsets.UTF_8);
                    head = "POST " + path + (query == null ? "" : "?" + query) + " HTTP/1.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\n";
                }
                head += "Host: " + uri.getRawAuthority() + "\r\nAccept: application/json\r\n\r\n";
                byte[] h = head.getBytes(StandardCharsets.US_ASCII);
                byte[] all = Arrays.copyOf(h, h.length + body.length);
                System.arraycopy(body, 0, all, h.length, body.length);
                requests[i] = all;
            }
        }

        @Override
        public int size() {
            return requests.length;
        }

        @Override
        public void send(int message, Done done) {
            workers.execute(() -> exchange(requests[message], done));
        }

        private void exchange(byte[] request, Done done) {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            Connection c = idle.pollFirst();
            try {
                int status;
                if (c != null) {
                    try {
                        status = c.exchange(request, deadline);
                    } catch (Connection.ClosedBeforeReply e) { // the server closed a kept connection: send once on a new one
                        c.close();
                        c = new Connection(host, port, timeoutMs);
                        status = c.exchange(request, deadline);
                    }
                } else {
                    c = new Connection(host, port, timeoutMs);
                    status = c.exchange(request, deadline);
                }
                if (c.reusable) {
                    idle.offerFirst(c);
                } else {
                    c.close();
                }
                done.complete(status, null);
            } catch (java.net.SocketTimeoutException e) {
                if (c != null) c.close();
                done.complete(TIMEOUT, null);
            } catch (IOException | RuntimeException e) {
                if (c != null) c.close();
                done.complete(IO_ERROR, describe(e));
            }
        }
    }

    /** One kept-alive HTTP/1.1 connection, used by one thread at a time. */
    static final class Connection {
        /** The connection ended before any byte of the reply: the request was not answered on it. */
        static final class ClosedBeforeReply extends IOException {
            ClosedBeforeReply() {
                super("connection closed before the reply");
            }
        }

        private final java.net.Socket socket;
        private final java.io.InputStream in;
        private final java.io.OutputStream out;
        boolean reusable = true;

        Connection(String host, int port, int timeoutMs) throws IOException {
            socket = new java.net.Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new java.net.InetSocketAddress(host, port), timeoutMs);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16384);
            out = socket.getOutputStream();
        }

        /** Sends the request and reads the whole reply; its status. */
        int exchange(byte[] request, long deadlineNanos) throws IOException {
            out.write(request);
            out.flush();
            socket.setSoTimeout(remainingMs(deadlineNanos));
            String statusLine = line(true);
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) throw new IOException("not an HTTP reply: " + statusLine);
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String h = line(false); !h.isEmpty(); h = line(false)) {
                int colon = h.indexOf(':');
                if (colon < 0) continue;
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> reusable &= !value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(chunkSize(line(false)), 16); size > 0; size = Long.parseLong(chunkSize(line(false)), 16)) {
                    skip(size);
                    line(false);
                }
                while (!line(false).isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                skip(length);
            } else {
                while (in.read() >= 0) {
                    // a reply without a length ends with its connection
                }
                reusable = false;
            }
            return status;
        }

        private static String chunkSize(String line) {
            int semi = line.indexOf(';');
            return (semi < 0 ? line : line.substring(0, semi)).trim();
        }

        private static int remainingMs(long deadlineNanos) throws java.net.SocketTimeoutException {
            long ms = (deadlineNanos - System.nanoTime()) / 1_000_000L;
            if (ms <= 0) throw new java.net.SocketTimeoutException("deadline passed");
            return (int) Math.min(Integer.MAX_VALUE, ms);
        }

        private String line(boolean first) throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int ch = in.read(); ; ch = in.read()) {
                if (ch < 0) {
                    if (first && b.length() == 0) throw new ClosedBeforeReply();
                    throw new IOException("connection closed in the middle of a reply");
                }
                if (ch == '\n') break;
                if (ch != '\r') b.append((char) ch);
            }
            return b.toString();
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long k = in.skip(n);
                if (k <= 0) {
                    if (in.read() < 0) throw new IOException("connection closed in the middle of a reply");
                    k = 1;
                }
                n -= k;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    // ------------------------------------------------------------------ one run

    static final class StepResult {
        double targetRate;
        double achievedRate;     // measured requests actually sent per second
        double throughput;       // measured responses received per second
        int scheduled;
        int sent;
        int ok;
        int timeouts;
        int dropped;
        int notSent;
        final Map<Integer, Integer> errorsByStatus = new TreeMap<>();
        final Map<String, Integer> ioErrors = new TreeMap<>();
        long[] latenciesNs = new long[0]; // sorted, all HTTP responses (any status)
        long maxLagNs;

        int httpErrors() {
            return errorsByStatus.values().stream().mapToInt(Integer::intValue).sum();
        }

        int ioErrorCount() {
            return ioErrors.values().stream().mapToInt(Integer::intValue).sum();
        }

        double pctMs(double p) {
            if (latenciesNs.length == 0) return Double.NaN;
            int rank = (int) Math.ceil(p / 100.0 * latenciesNs.length);
            return latenciesNs[Math.min(Math.max(rank, 1), latenciesNs.length) - 1] / 1e6;
        }

        boolean passes(double sloMs) {
            return sent > 0 && latenciesNs.length > 0 && httpErrors() == 0 && ioErrorCount() == 0
                    && timeouts == 0 && dropped == 0 && notSent == 0 && pctMs(99) < sloMs;
        }
    }

    /** Where the next run starts in the message list: each step goes on from the previous one (with --unique, no text is sent twice). */
    static int nextMessage = 0;

    static StepResult run(Sender sender, double rate, double warmupS,
                          double durationS, int timeoutMs, int maxInFlight) throws InterruptedException {
        final int warmN = (int) Math.round(warmupS * rate);
        final int measN = (int) Math.round(durationS * rate);
        final int total = warmN + measN;
        if (measN < 1) throw new IllegalArgumentException("rate x duration gives no requests to measure");

        final long[] latNs = new long[measN];
        final AtomicIntegerArray status = new AtomicIntegerArray(measN);
        final AtomicReferenceArray<String> reason = new AtomicReferenceArray<>(measN);
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong lastCompletion = new AtomicLong(Long.MIN_VALUE);
        final long timeoutNs = timeoutMs * 1_000_000L;
        final double intervalNs = 1e9 / rate;
        final int first = nextMessage;
        nextMessage = (int) ((first + (long) total) % sender.size());

        final long start = System.nanoTime() + 20_000_000L; // small lead so request 0 is on time
        final long measStart = start + Math.round(warmN * intervalNs);
        final long lastScheduled = start + Math.round((total - 1) * intervalNs);
        final long hardStop = lastScheduled + timeoutNs;    // never keep dispatching past this
        long maxLag = 0;
        long lastDispatch = measStart;
        int sent = 0;

        for (int i = 0; i < total; i++) {
            final long sched = start + Math.round(i * intervalNs);
            long now;
            while ((now = System.nanoTime()) < sched) {
                long d = sched - now;
                if (d > 200_000L) LockSupport.parkNanos(d - 100_000L);
                else Thread.onSpinWait();
            }
            final int j = i - warmN; // index among measured requests, < 0 during warm-up
            if (now > hardStop) {      // generator hopelessly behind: stop, bounded run
                for (int k = Math.max(j, 0); k < measN; k++) status.set(k, NOT_SENT);
                break;
            }
            maxLag = Math.max(maxLag, now - sched);
            if (inFlight.get() >= maxInFlight) {
                if (j >= 0) status.set(j, DROPPED);
                continue;
            }
            inFlight.incrementAndGet();
            if (j >= 0) {
                sent++;
                lastDispatch = now;
            }
            try {
                sender.send((first + i) % sender.size(), (code, why) -> {
                    long done = System.nanoTime();
                    inFlight.decrementAndGet();
                    if (j < 0) return;
                    if (code > 0) {
                        latNs[j] = done - sched;        // from the SCHEDULED send time
                        lastCompletion.accumulateAndGet(done, Math::max);
                    } else if (code == IO_ERROR) {
                        reason.set(j, why);
                    }
                    status.compareAndSet(j, PENDING, code); // loses to the final deadline sweep
                });
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                if (j >= 0) {
                    reason.set(j, describe(e));
                    status.compareAndSet(j, PENDING, IO_ERROR);
                }
            }
        }

        // wait at most timeout-ms (after the last scheduled send) for outstanding requests
        long deadline = Math.max(System.nanoTime(), lastScheduled) + timeoutNs;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) Thread.sleep(2);
        for (int k = 0; k < measN; k++) status.compareAndSet(k, PENDING, TIMEOUT);

        StepResult r = new StepResult();
        r.targetRate = rate;
        r.scheduled = measN;
        r.sent = sent;
        r.maxLagNs = maxLag;
        long[] lats = new long[measN];
        int n = 0;
        for (int k = 0; k < measN; k++) {
            int s = status.get(k);
            if (s > 0) {
                lats[n++] = latNs[k];
                if (s >= 200 && s < 300) r.ok++;
                else r.errorsByStatus.merge(s, 1, Integer::sum);
            } else if (s == TIMEOUT) {
                r.timeouts++;
            } else if (s == IO_ERROR) {
                String why = reason.get(k);
                r.ioErrors.merge(why == null ? "io error" : why, 1, Integer::sum);
            } else if (s == DROPPED) {
                r.dropped++;
            } else if (s == NOT_SENT) {
                r.notSent++;
            }
        }
        r.latenciesNs = Arrays.copyOf(lats, n);
        Arrays.sort(r.latenciesNs);
        double sendWindowS = (lastDispatch - measStart + intervalNs) / 1e9;
        r.achievedRate = sent == 0 ? 0 : sent / Math.max(sendWindowS, 1e-9);
        long lc = lastCompletion.get();
        // responses over the measured window, which extends past its nominal end if responses lag
        double recvWindowS = Math.max(lc - measStart, measN * intervalNs) / 1e9;
        r.throughput = (n == 0 || lc <= measStart) ? 0 : n / recvWindowS;
        return r;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null)
            t = t.getCause();
        return t;
    }

    static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        String msg = t.getMessage();
        return msg == null || msg.isBlank() ? name : name + ": " + (msg.length() > 80 ? msg.substring(0, 80) + "..." : msg);
    }

    // ------------------------------------------------------------------ output

    static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    static void printReport(StepResult r, double durationS, double warmupS) {
        System.out.printf(Locale.ROOT, "target rate      : %.1f req/s for %s s (warm-up %s s excluded)%n",
                r.targetRate, trim(durationS), trim(warmupS));
        System.out.printf(Locale.ROOT, "achieved rate    : %.1f req/s sent, %.1f responses/s%n", r.achievedRate, r.throughput);
        System.out.printf(Locale.ROOT, "count            : %d scheduled, %d sent%n", r.scheduled, r.sent);
        System.out.printf(Locale.ROOT, "ok (2xx)         : %d%n", r.ok);
        StringBuilder byStatus = new StringBuilder();
        r.errorsByStatus.forEach((s, n) -> byStatus.append(byStatus.length() == 0 ? "" : ", ").append(s).append(" x").append(n));
        System.out.printf(Locale.ROOT, "errors (non-2xx) : %d%s%n", r.httpErrors(), byStatus.length() == 0 ? "" : "  [" + byStatus + "]");
        if (!r.ioErrors.isEmpty()) {
            System.out.printf(Locale.ROOT, "io errors        : %d%n", r.ioErrorCount());
            r.ioErrors.forEach((why, n) -> System.out.printf(Locale.ROOT, "                   %d x %s%n", n, why));
        }
        System.out.printf(Locale.ROOT, "timeouts         : %d%n", r.timeouts);
        if (r.dropped > 0 || r.notSent > 0)
            System.out.printf(Locale.ROOT, "not sent         : %d (max-in-flight reached), %d (generator too far behind)%n",
                    r.dropped, r.notSent);
        System.out.printf(Locale.ROOT, "latency ms       : p50 %s  p90 %s  p99 %s  max %s  (n=%d, from scheduled send time)%n",
                ms(r.pctMs(50)), ms(r.pctMs(90)), ms(r.pctMs(99)), ms(r.pctMs(100)), r.latenciesNs.length);
        System.out.printf(Locale.ROOT, "generator lag    : max %s ms behind schedule%n", ms(r.maxLagNs / 1e6));
    }

    static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    static String stepLine(StepResult r, double sloMs) {
        int failures = r.httpErrors() + r.ioErrorCount();
        return String.format(Locale.ROOT,
                "rate %7.1f | achieved %7.1f/s | ok %6d | errors %4d | timeouts %4d | not sent %4d | p50 %7s p99 %7s max %7s ms | %s",
                r.targetRate, r.achievedRate, r.ok, failures, r.timeouts, r.dropped + r.notSent,
                ms(r.pctMs(50)), ms(r.pctMs(99)), ms(r.pctMs(100)), r.passes(sloMs) ? "PASS" : "FAIL");
    }

    static void usage() {
        System.err.println("""
                usage: java bench/LoadGen.java --url http://127.0.0.1:8080/api/v1/chat --rate 100 --duration 30
                         [--warmup 5] [--messages bench/chat-messages.txt] [--method POST|GET] [--unique]
                         [--timeout-ms 5000] [--max-in-flight 2000] [--client raw|jdk]
                         [--find-max START:STEP:MAX [--slo-ms 100] [--keep-going]]
                  Open-loop: one request every 1/rate s from the start, regardless of responses;
                  latency is measured from the scheduled send time. POST sends {"message": line}
                  ({"q": line, "limit": 10} to a URL ending in /search), GET appends ?q=<line>&limit=10. Only 127.0.0.1, localhost and ::1 are allowed.
                  --find-max runs one step of --duration s per rate and reports the highest rate
                  with no errors/timeouts and p99 < --slo-ms (stops at the first failing step
                  unless --keep-going). --client raw (the default) speaks HTTP/1.1 over kept-alive
                  sockets, a thread per request in flight; --client jdk uses java.net.http.HttpClient,
                  which costs the generator several times more CPU.""");
    }

    // ------------------------------------------------------------------ main

    public static void main(String[] args) throws Exception {
        Config c;
        try {
            c = Config.parse(args);
        } catch (HelpRequested h) {
            usage();
            System.exit(0);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("LoadGen: error: " + e.getMessage());
            usage();
            System.exit(2);
            return;
        }
        List<String> messages;
        try {
            messages = readMessages(c.messages);
        } catch (IOException e) {
            System.err.println("LoadGen: error: cannot read --messages " + c.messages + ": " + describe(e)
                    + " (run from the repository root or pass --messages FILE)");
            System.exit(2);
            return;
        }
        if (c.unique) {
            // as many distinct messages as the run can send: message i % n with its own ending, so no two
            // requests share a text (a service cache then helps only within one request, as for new users)
            // every step's messages (find-max goes on through the list from step to step); the number goes in front,
            // so the first of triage's windows is new as well as the retrieval query: nothing is answered from a cache
            double all = 0;
            if (c.findMax == null) {
                all = c.rate * (c.duration + c.warmup);
            } else {
                for (double r = c.findMax[0]; r <= c.findMax[2] + 1e-9; r += c.findMax[1]) {
                    all += Math.ceil(r * (c.duration + c.warmup)) + 1;
                }
            }
            int total = (int) Math.ceil(all) + 1;
            List<String> distinct = new ArrayList<>(total);
            long base = (System.currentTimeMillis() / 1000 % 100_000) * 100_000; // another run, other numbers
            for (int i = 0; i < total; i++) {
                distinct.add("Q" + (base + i) + ": " + messages.get(i % messages.size()));
            }
            messages = distinct;
        }
        Sender sender = c.client.equals("jdk") ? new JdkSender(c, messages) : new RawSender(c, messages);

        System.out.printf(Locale.ROOT, "LoadGen %s %s  (%d messages, timeout %d ms, max in-flight %d, client %s)%n",
                c.method, c.url, messages.size(), c.timeoutMs, c.maxInFlight, c.client);

        if (c.findMax == null) {
            StepResult r = run(sender, c.rate, c.warmup, c.duration, c.timeoutMs, c.maxInFlight);
            printReport(r, c.duration, c.warmup);
            System.exit(0);
            return;
        }

        double start = c.findMax[0], step = c.findMax[1], max = c.findMax[2];
        System.out.printf(Locale.ROOT, "find-max %s..%s step %s, %s s per step (+%s s warm-up), SLO p99 < %s ms, no errors%n",
                trim(start), trim(max), trim(step), trim(c.duration), trim(c.warmup), trim(c.sloMs));
        double best = -1;
        StepResult bestResult = null;
        int steps = (int) Math.floor((max - start) / step + 1e-9);
        for (int s = 0; s <= steps; s++) {
            double rate = start + s * step;
            StepResult r = run(sender, rate, c.warmup, c.duration, c.timeoutMs, c.maxInFlight);
            System.out.println(stepLine(r, c.sloMs));
            if (r.passes(c.sloMs)) {
                if (rate > best) {
                    best = rate;
                    bestResult = r;
                }
            } else if (!c.keepGoing) {
                break;
            }
            if (s < steps) Thread.sleep(1000); // let the server settle between steps
        }
        if (bestResult == null) {
            System.out.printf(Locale.ROOT, "max sustainable rate: none (even %s req/s failed the SLO p99 < %s ms with no errors)%n",
                    trim(start), trim(c.sloMs));
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "max sustainable rate: %s req/s (p99 %s ms < %s ms, no errors/timeouts)%n",
                trim(best), ms(bestResult.pctMs(99)), trim(c.sloMs));
        System.exit(0);
    }
}
