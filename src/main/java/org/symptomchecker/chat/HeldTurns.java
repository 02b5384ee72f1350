package org.symptomchecker.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.metrics.TurnMetrics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Turns that were answered but could not be recorded (the database down, slow or unreadable): each is kept in the
 * data folder ({@code held-turns/}), encrypted like a conversation (a data key of its own, wrapped by the active master
 * key and bound to the file's name), and written to the database on a schedule once it takes writes again. So an
 * answered turn is not lost with an outage; a turn that cannot be held either is refused (see {@link ChatService}).
 * A conversation erased meanwhile drops its held turns ({@link #forget}). Limits: README "Settings"
 * ({@code symptom.conversation.held-turns-*}).
 */
@ApplicationScoped
public class HeldTurns {

    private static final Logger LOG = Logger.getLogger(HeldTurns.class);
    private static final String SUFFIX = ".turn";
    private static final String PLACE = "held-turn";

    /**
     * A turn and what it knew of its conversation.
     *
     * @param known        the conversation was read before the turn (version and messageCount are what it read)
     * @param isNew        the turn started the conversation
     * @param mayCreate    the conversation may be created by this turn when it is not stored (a new conversation)
     * @param messageCount messages stored when the turn read the conversation
     */
    public record Held(String conversationId, boolean known, boolean isNew, long version, String replaces, int messageCount,
                       boolean mayCreate, TurnRecord record) {

        static Held of(TurnContext context, String conversationId, boolean newConversation, TurnRecord record) {
            if (context == null) {
                return new Held(conversationId, false, false, 0, null, 0, newConversation, record);
            }
            return new Held(context.conversationId(), true, context.isNew(), context.version(), context.replaces(),
                    context.messageCount(), context.isNew(), record);
        }
    }

    private final Path dir;
    private final int max;
    private final MessageCipher cipher;
    private final ConversationStore store;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger held = new AtomicInteger();
    private volatile boolean warnedDown;

    public HeldTurns(SymptomConfig config, MessageCipher cipher, ConversationStore store, TurnMetrics metrics) {
        this.dir = Path.of(config.dataDir()).resolve("held-turns");
        this.max = config.conversation().heldTurnsMax();
        this.cipher = cipher;
        this.store = store;
        held.set(files().size());
        metrics.gauge("symptom.held.turns", "Answered turns kept in the data folder until the database records them", held::get);
    }

    /** Turns held now. */
    public int count() {
        return held.get();
    }

    /**
     * Keeps a turn until the database records it; false when it cannot be kept (the folder is full or cannot be
     * written). {@code context} is what the turn read of its conversation, null when it could not read it.
     */
    public boolean hold(TurnContext context, String conversationId, boolean newConversation, TurnRecord record) {
        if (held.incrementAndGet() > max) {
            held.decrementAndGet();
            LOG.errorf("conversation %s: turn not held: %d turns are held already (symptom.conversation.held-turns-max)",
                    ConversationStore.logRef(conversationId), max);
            return false;
        }
        String name = String.format("%013d-%09d-%s%s", System.currentTimeMillis(), sequence.incrementAndGet() % 1_000_000_000,
                ConversationStore.conversationRef(conversationId).substring(0, 16), SUFFIX);
        try {
            Files.createDirectories(dir);
            String owner = owner(name);
            String wrapped = cipher.newWrappedKey(owner);
            String sealed = cipher.encrypt(owner, wrapped, PLACE,
                    json.writeValueAsString(Held.of(context, conversationId, newConversation, record)));
            Path part = dir.resolve(name + ".part");
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap((wrapped + "\n" + sealed + "\n").getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
            Files.move(part, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("conversation %s: turn held until the database records it", ConversationStore.logRef(conversationId));
            return true;
        } catch (IOException | RuntimeException e) {
            held.decrementAndGet();
            LOG.errorf("conversation %s: turn not held (%s)", ConversationStore.logRef(conversationId), e.getClass().getSimpleName());
            return false;
        }
    }

    @Scheduled(every = "${symptom.conversation.held-turns-replay-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (held.get() > 0) {
            replay();
        }
    }

    /** Writes the held turns to the database, oldest first, until one fails; returns how many were written. */
    public synchronized int replay() {
        int written = 0;
        for (Path file : files()) {
            Held turn;
            try {
                turn = read(file);
            } catch (IOException | RuntimeException e) {
                set(file, "unreadable");
                LOG.errorf("held turn %s cannot be read (%s): moved to held-turns/unreadable", file.getFileName(), e.getClass().getSimpleName());
                continue;
            }
            if (turn == null) {
                continue; // erased meanwhile
            }
            try {
                ConversationStore.Replayed result = store.replay(turn);
                delete(file);
                written++;
                LOG.infof("conversation %s: held turn %s", ConversationStore.logRef(turn.conversationId()),
                        result.name().toLowerCase().replace('_', ' '));
            } catch (RuntimeException e) {
                if (!warnedDown) {
                    LOG.warnf("held turns not written yet (%s); %d held, will retry", e.getClass().getSimpleName(), held.get());
                    warnedDown = true;
                }
                return written;
            }
        }
        warnedDown = false;
        return written;
    }

    /** Drops the held turns of a conversation that is being erased; returns how many. */
    public int forget(String conversationId) {
        String ref = ConversationStore.conversationRef(conversationId).substring(0, 16) + SUFFIX;
        int dropped = 0;
        synchronized (this) {
            for (Path file : files()) {
                if (file.getFileName().toString().endsWith("-" + ref)) {
                    delete(file);
                    dropped++;
                }
            }
        }
        return dropped;
    }

    private Held read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
        if (lines.size() < 2) {
            throw new IOException("truncated");
        }
        String owner = owner(file.getFileName().toString());
        return json.readValue(cipher.decrypt(owner, lines.get(0), PLACE, lines.get(1)), Held.class);
    }

    private void delete(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                held.decrementAndGet();
            }
        } catch (IOException e) {
            LOG.errorf("held turn %s written but not deleted (%s)", file.getFileName(), e.getClass().getSimpleName());
        }
    }

    private void set(Path file, String aside) {
        try {
            Files.createDirectories(dir.resolve(aside));
            Files.move(file, dir.resolve(aside).resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            held.decrementAndGet();
        } catch (IOException e) {
            LOG.errorf("held turn %s could not be set aside (%s)", file.getFileName(), e.getClass().getSimpleName());
        }
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            LOG.errorf("held turns folder cannot be listed (%s)", e.getClass().getSimpleName());
            return List.of();
        }
    }

    private static String owner(String fileName) {
        return "held-turn\u0000" + fileName;
    }
}
