package org.symptomchecker.chat;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.content.ActiveContent;
import org.symptomchecker.answer.AnswerWriter;
import org.symptomchecker.answer.ChatReply;
import org.symptomchecker.answer.CitedAnswer;
import org.symptomchecker.answer.Disposition;
import org.symptomchecker.answer.GuardedAnswerer;
import org.symptomchecker.answer.InterviewStatus;
import org.symptomchecker.answer.ReplyTemplates;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.interview.InterviewTurn;
import org.symptomchecker.interview.Interviewer;
import org.symptomchecker.metrics.Stage;
import org.symptomchecker.metrics.TurnMetrics;
import org.symptomchecker.retrieval.PassageIndex;
import org.symptomchecker.triage.Guardrails;
import org.symptomchecker.triage.Region;
import org.symptomchecker.triage.TriageLevel;
import org.symptomchecker.triage.TriageMessage;
import org.symptomchecker.triage.TriageOutcome;
import org.symptomchecker.triage.TriageReplies;
import org.symptomchecker.triage.TriageState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Where every message is answered, whatever channel it came from. One turn reads top to bottom:
 * <ol>
 *   <li>context: the conversation, its profile, kept triage state and last messages (the store has a deadline;
 *   when it is down, the request's own history stands in);</li>
 *   <li>triage: the new message read into the conversation's state (no model, no outside call);</li>
 *   <li>route: a fixed reply for a red flag or a correction, else the interview's question or disposition, else
 *   an answer from the vetted corpus (retrieval has a deadline: past it, the no-answer reply);</li>
 *   <li>output check: the reply is checked against the level, and replaced (citing nothing) when it fails;</li>
 *   <li>record: the turn, in one transaction, onto the conversation version the turn read; a turn that lost a race
 *   with another of the same conversation is answered again on what that one left, or refused with 409. A fixed
 *   (routed) reply is sent without waiting for its record.</li>
 * </ol>
 */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class);
    /** A double submit is answered again this many times, on the conversation the other turn left, before a 409. */
    private static final int ATTEMPTS = 3;
    /** How long past a store deadline a turn waits for the guarded call's own timeout before it stops waiting itself. */
    private static final long GRACE_MS = 1000;
    /** One permit per stripe of conversation ids (a Semaphore: a routed turn's record releases it on another thread). */
    private static final Semaphore[] PERMITS = new Semaphore[1024];

    static {
        for (int i = 0; i < PERMITS.length; i++) {
            PERMITS[i] = new Semaphore(1);
        }
    }

    private final ActiveContent content;
    private final GuardedStore store;
    private final GuardedAnswerer answerer;
    private final ReplyTemplates templates;
    private final Guardrails guardrails;
    private final TriageReplies triageReplies;
    private final PassageIndex index;
    private final Interviewer interviewer;
    private final AnswerWriter writer;
    private final SymptomConfig.Conversation limits;
    private final long lockWaitMs;
    private final SymptomConfig.Deadlines deadlines;
    private final TurnMetrics metrics;
    private final HeldTurns heldTurns;

    public ChatService(GuardedStore store, GuardedAnswerer answerer, ReplyTemplates templates, Guardrails guardrails,
                       TriageReplies triageReplies, PassageIndex index, Interviewer interviewer, AnswerWriter writer,
                       SymptomConfig config, ActiveContent content, TurnMetrics metrics, HeldTurns heldTurns) {
        this.metrics = metrics;
        this.heldTurns = heldTurns;
        this.content = content;
        this.store = store;
        this.answerer = answerer;
        this.templates = templates;
        this.guardrails = guardrails;
        this.triageReplies = triageReplies;
        this.index = index;
        this.interviewer = interviewer;
        this.writer = writer;
        this.limits = config.conversation();
        this.deadlines = config.deadlines();
        this.lockWaitMs = config.deadlines().storeWriteMs();
    }

    public ChatReply reply(ChatRequest request) {
        return metrics.turnSpan(() -> replyTo(request));
    }

    private ChatReply replyTo(ChatRequest request) {
        String message = request.message().strip();
        // Turns of one conversation on this instance take turns: a turn holds its conversation's permit until its
        // record is done (other instances are kept apart by the row version). It waits for the turn before it at
        // most a write deadline, then goes on and the version decides.
        Semaphore held = request.conversationId() == null ? null : permit(request.conversationId(), lockWaitMs);
        try {
            for (int attempt = 1; ; attempt++) {
                Turn turn = context(request, message);
                if (held == null && turn.stored() && turn.context().isNew()) {
                    held = permit(turn.conversationId(), 0); // nobody else knows this id yet: only its next turn will wait
                }
                Long release = content.folders().release(); // the release this turn is answered from, named on its reply and record
                Triaged triaged = metrics.time(Stage.TRIAGE, () -> triage(turn, message));
                Routed routed = route(turn, triaged, message);
                Routed checked = check(routed, triaged, turn.region());
                ChatReply reply = checked.reply(turn.conversationId(), triaged.outcome(), release);
                TurnRecord turnRecord = turnRecord(turn, triaged, checked, message, release);
                boolean newConversation = request.conversationId() == null;
                if (!turn.stored()) { // the conversation could not be read: the turn is held until the database takes it
                    if (triaged.outcome().routed()) {
                        counted(turn, triaged, checked);
                        CompletableFuture.runAsync(() -> hold(turn, newConversation, turnRecord)); // the fixed reply does not wait on the disk either
                        return reply;
                    }
                    if (!hold(turn, newConversation, turnRecord)) {
                        throw notKept();
                    }
                    return counted(turn, triaged, checked, reply);
                }
                TurnMetrics.Running storing = metrics.start(Stage.STORE);
                CompletionStage<Void> recording = store.record(turn.context(), turnRecord);
                if (triaged.outcome().routed()) {
                    counted(turn, triaged, checked);
                    // a fixed reply never waits on the store: it is sent now, and the permit is handed to the record;
                    // when another turn was recorded first, the routed turn (already sent) is recorded after it
                    Semaphore permit = held;
                    held = null;
                    recording = recording.exceptionallyCompose(t -> cause(t) instanceof ConcurrentTurnException
                            ? recordAfterOthers(turn.conversationId(), turnRecord, ATTEMPTS) : CompletableFuture.failedFuture(t));
                    recording.whenComplete((done, failed) -> {
                        storing.stop();
                        if (failed != null) {
                            LOG.warnf("conversation %s: routed turn not recorded (%s)", ConversationStore.logRef(turn.conversationId()), cause(failed).getClass().getSimpleName());
                            hold(turn, newConversation, turnRecord);
                        }
                        if (permit != null) {
                            permit.release();
                        }
                    });
                    return reply;
                }
                recording.whenComplete((done, failed) -> storing.stop());
                try {
                    recording.toCompletableFuture().get(deadlines.storeWriteMs() + GRACE_MS, TimeUnit.MILLISECONDS);
                    return counted(turn, triaged, checked, reply);
                } catch (java.util.concurrent.TimeoutException e) {
                    // the write may still end either way: when it fails, the turn is held then
                    LOG.warnf("conversation %s: turn not recorded in time", ConversationStore.logRef(turn.conversationId()));
                    recording.whenComplete((done, failed) -> {
                        if (failed != null) {
                            hold(turn, newConversation, turnRecord);
                        }
                    });
                    return counted(turn, triaged, checked, reply);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof ConcurrentTurnException)) {
                        LOG.warnf("conversation %s: turn not recorded (%s)", ConversationStore.logRef(turn.conversationId()), e.getCause().getClass().getSimpleName());
                        if (!hold(turn, newConversation, turnRecord)) {
                            throw notKept();
                        }
                        return counted(turn, triaged, checked, reply);
                    }
                    if (attempt == ATTEMPTS) {
                        throw new ApiProblem(409, "Conversation busy",
                                "another message of this conversation was being answered at the same time; send yours again");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(503, "Interrupted", "the service is stopping; send the message again");
        } finally {
            if (held != null) {
                held.release();
            }
        }
    }

    /**
     * A message over a rate limit: triaged on its own (with the request's history, when it brings one), with no store
     * read. A red flag (or a correction) is answered as {@link #reply} answers it, fixed reply and record included; for
     * anything else the outcome is returned unanswered, and nothing of it is stored.
     */
    public OverLimit overLimit(ChatRequest request) {
        List<TriageMessage> messages = new ArrayList<>();
        if (request.history() != null) {
            request.history().forEach(t -> messages.add(new TriageMessage(t.role() == null ? "user" : t.role(), t.text(), t.asks())));
        }
        messages.add(TriageMessage.user(request.message().strip()));
        TriageOutcome outcome = guardrails.triage(messages, request.age(), request.sex());
        return new OverLimit(outcome, outcome.routed() ? reply(request) : null);
    }

    /** An over-limit message's triage and, when it routes, its reply (else null). */
    public record OverLimit(TriageOutcome outcome, ChatReply reply) {
    }

    /** One turn of a rehearsed conversation: the reply, and the rules behind its level. */
    public record RehearsedTurn(String message, ChatReply reply, List<String> ruleIds) {
    }

    /**
     * A conversation answered turn by turn exactly as {@link #reply} would answer it, kept in memory only: nothing is
     * stored, counted or logged. What the console's preview and its golden conversations run, under a
     * {@link org.symptomchecker.content.ContentLens} for a draft. {@code region}: a code of regions.yaml, or null.
     */
    public List<RehearsedTurn> rehearse(List<String> messages, Integer age, String sex, String region, String channel) {
        String id = ConversationStore.newId();
        ConversationStore.Profile profile = new ConversationStore.Profile(age, sex, channel, guardrails.regionCode(region));
        Region where = guardrails.region(profile.region(), channel);
        org.symptomchecker.content.ContentLens lens = org.symptomchecker.content.ContentLens.current();
        Long release = lens != null ? lens.folders().release() : content.folders().release();
        List<TriageMessage> all = new ArrayList<>();
        TurnContext context = new TurnContext(id, 0, true, null, profile, null, false, 0, 0, null, List.of());
        List<RehearsedTurn> out = new ArrayList<>();
        for (String raw : messages) {
            String message = raw.strip();
            List<TriageMessage> recent = all.subList(Math.max(0, all.size() - limits.contextMessages()), all.size());
            Turn turn = new Turn(context, id, profile, age, sex, channel, where, List.copyOf(recent), false);
            List<TriageMessage> earlier = List.copyOf(all);
            Triaged triaged = advance(context.state(), () -> earlier, List.of(TriageMessage.user(message)), turn);
            Routed checked = check(route(turn, triaged, message), triaged, where);
            out.add(new RehearsedTurn(message, checked.reply(id, triaged.outcome(), release), triaged.outcome().ruleIds()));
            TriageState state = triaged.state();
            state.asked(checked.asks());
            all.add(TriageMessage.user(message));
            all.add(new TriageMessage("assistant", checked.text(), checked.asks()));
            InterviewStatus interview = checked.interview();
            String flow = interview != null ? interview.flow() : context.interviewFlow();
            boolean done = interview != null ? interview.done() : context.interviewDone();
            context = new TurnContext(id, context.version() + 1, false, null, profile, flow, done, all.size(), 0, state,
                    List.copyOf(all.subList(Math.max(0, all.size() - limits.contextMessages()), all.size())));
        }
        return out;
    }

    /** Counts a turn answered: its level and channel, and what it got when it asked for vetted content. */
    private void counted(Turn turn, Triaged triaged, Routed routed) {
        metrics.turn(triaged.outcome().level().name().toLowerCase(java.util.Locale.ROOT), turn.channel());
        if (routed.answer() != null) {
            metrics.answer(routed.answer());
        }
    }

    private ChatReply counted(Turn turn, Triaged triaged, Routed routed, ChatReply reply) {
        counted(turn, triaged, routed);
        return reply;
    }

    /** The conversation's permit, waited for at most {@code waitMs}; null when it stayed taken. */
    private static Semaphore permit(String conversationId, long waitMs) {
        Semaphore s = PERMITS[Math.floorMod(conversationId.hashCode(), PERMITS.length)];
        try {
            return s.tryAcquire(waitMs, TimeUnit.MILLISECONDS) ? s : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Throwable cause(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** A turn's view of its conversation; {@code context} is null when the store could not be read. */
    record Turn(TurnContext context, String conversationId, ConversationStore.Profile given, Integer age, String sex, String channel,
                Region region, List<TriageMessage> recent, boolean capped) {

        boolean stored() {
            return context != null;
        }

        String activeFlow() {
            return context == null ? null : context.activeFlow();
        }

        String finishedFlow() {
            return context == null ? null : context.finishedFlow();
        }
    }

    /** Triage's outcome for the conversation and the state to keep. */
    record Triaged(TriageOutcome outcome, TriageState state) {
    }

    /**
     * The reply and its parts, as routing made them; {@code answer}: what a turn that asked for vetted content got
     * (answered, no-answer, unavailable, replaced), for the metrics, null for every other turn.
     */
    record Routed(String text, String asks, List<ChatReply.FollowUp> followUps, InterviewStatus interview,
                  Disposition disposition, List<ChatReply.Citation> citations, ChatReply.AnsweredBy answeredBy,
                  ContentGap.Kind gap, String answer) {

        Routed(String text, String asks, List<ChatReply.FollowUp> followUps, InterviewStatus interview,
               Disposition disposition, List<ChatReply.Citation> citations) {
            this(text, asks, followUps, interview, disposition, citations, null, null, null);
        }

        Routed(String text, String asks, List<ChatReply.FollowUp> followUps, InterviewStatus interview,
               Disposition disposition, List<ChatReply.Citation> citations, ChatReply.AnsweredBy answeredBy) {
            this(text, asks, followUps, interview, disposition, citations, answeredBy, null, null);
        }

        ChatReply reply(String conversationId, TriageOutcome triage, Long release) {
            return new ChatReply(conversationId, text, triage.triage(), citations, followUps, interview, disposition, answeredBy)
                    .withContentRelease(release);
        }
    }

    // 1. context ------------------------------------------------------------------------------------------------

    private Turn context(ChatRequest request, String message) {
        // a new conversation (no id, no transcript) has nothing to read: no store call, no thread hand-over
        boolean fresh = request.conversationId() == null && (request.history() == null || request.history().isEmpty());
        TurnContext context = fresh ? TurnContext.fresh(ConversationStore.newId(), null)
                : await(store.context(request.conversationId(), limits.contextMessages()), deadlines.storeReadMs(), "read");
        List<TriageMessage> recent = new ArrayList<>();
        ConversationStore.Profile stored = new ConversationStore.Profile(null, null, null, null);
        String id;
        if (context != null) {
            recent.addAll(context.recent());
            stored = context.profile();
            id = context.conversationId();
        } else {
            if (request.history() != null) { // the store is down: the client's own transcript stands in
                request.history().forEach(t -> recent.add(new TriageMessage(t.role() == null ? "user" : t.role(), t.text(), t.asks())));
            }
            id = request.conversationId() != null ? request.conversationId() : ConversationStore.newId();
        }
        String channel = request.channel() != null ? request.channel() : stored.channel();
        Region region = guardrails.region(request.region() != null ? request.region() : stored.region(), channel);
        boolean capped = context != null && (context.messageCount() / 2 >= limits.maxTurns()
                || context.storedChars() >= limits.maxStoredChars());
        ConversationStore.Profile given = new ConversationStore.Profile(request.age(), request.sex(), request.channel(), request.region());
        return new Turn(context, id, given, request.age() != null ? request.age() : stored.age(),
                request.sex() != null ? request.sex() : stored.sex(), channel, region, recent, capped);
    }

    // 2. triage -------------------------------------------------------------------------------------------------

    private Triaged triage(Turn turn, String message) {
        TurnContext context = turn.context();
        if (context == null) { // no kept state: the request's history is read whole
            List<TriageMessage> all = new ArrayList<>(turn.recent());
            all.add(TriageMessage.user(message));
            return advance(null, List::of, all, turn);
        }
        Supplier<List<TriageMessage>> earlier = () -> {
            if (context.isNew()) {
                return List.of();
            }
            List<TriageMessage> all = await(store.allTurns(context.conversationId()), deadlines.storeRereadMs(), "re-read");
            return all != null ? all : context.recent(); // the store went down meanwhile: the last messages at least
        };
        return advance(context.state(), earlier, List.of(TriageMessage.user(message)), turn);
    }

    private Triaged advance(TriageState state, Supplier<List<TriageMessage>> earlier, List<TriageMessage> newTurns, Turn turn) {
        Guardrails.Advanced advanced = guardrails.advance(state, earlier, newTurns, turn.age(), turn.sex());
        return new Triaged(advanced.outcome(), advanced.state());
    }

    // 3. route --------------------------------------------------------------------------------------------------

    private Routed route(Turn turn, Triaged triaged, String message) {
        TriageOutcome triage = triaged.outcome();
        String activeFlow = turn.activeFlow();
        InterviewStatus endsInterview = activeFlow == null ? null : new InterviewStatus(activeFlow, 0, 0, true);
        String confirm = triageReplies.confirmReply(triage, turn.region());
        if (confirm != null) { // a correction: one direct question confirms it before anything is taken back
            List<ChatReply.FollowUp> ask = List.of(new ChatReply.FollowUp(guardrails.confirmQuestion(triage.confirm()), List.of("Yes", "No")));
            return new Routed(confirm, triage.confirm(), ask, endsInterview, null, List.of());
        }
        String fixed = triageReplies.fixedReply(triage, turn.region());
        if (fixed != null) { // a red flag is routed to its fixed reply, and ends any interview
            return new Routed(fixed, null, List.of(), endsInterview, null, List.of());
        }
        if (turn.capped()) {
            return new Routed(templates.conversationFull(), null, List.of(), null, null, List.of());
        }
        List<TriageMessage> turns = new ArrayList<>(turn.recent());
        turns.add(TriageMessage.user(message));
        InterviewTurn step = triage.unreadable() ? null
                : interviewer.next(turns, triaged.state(), activeFlow, turn.finishedFlow(), triage, turn.region());
        if (step != null) {
            return new Routed(step.reply(), step.asks(), step.followUps(), step.status(), step.disposition(), List.copyOf(step.citations()),
                    step.answeredBy());
        }
        if (triage.level() == TriageLevel.NONE && templates.isGreeting(message)) {
            return new Routed(templates.greeting(), null, List.of(), null, null, List.of());
        }
        List<ChatReply.Citation> citations = new ArrayList<>();
        ChatReply.AnsweredBy[] answeredBy = new ChatReply.AnsweredBy[1];
        ContentGap.Kind[] gap = new ContentGap.Kind[1];
        String[] got = new String[1];
        // a console preview (a content lens on) is not timed
        String answer = org.symptomchecker.content.ContentLens.current() != null
                ? answer(message, triage, turn.region(), citations, answeredBy, gap, got)
                : metrics.time(Stage.ANSWER, () -> answer(message, triage, turn.region(), citations, answeredBy, gap, got));
        return new Routed(answer, null, List.of(), null, null, citations, answeredBy[0], gap[0], got[0]);
    }

    /**
     * Vetted content for the message, with the advice line its level calls for. When there is vetted content and a
     * language model is configured, the model may phrase it ({@link AnswerWriter}: only what the passages say, every
     * sentence checked); otherwise, or when its reply fails, the extractive answer is shown.
     */
    private String answer(String message, TriageOutcome triage, Region region, List<ChatReply.Citation> citations,
                          ChatReply.AnsweredBy[] answeredBy, ContentGap.Kind[] gap, String[] got) {
        CitedAnswer answer = answerer.answer(message, triage.level());
        String body;
        got[0] = answer.retrievalFailed() ? "unavailable" : answer.isEmpty() ? "no-answer" : "answered";
        if (answer.isEmpty()) {
            body = templates.noAnswer();
            // the content team's to-do list (kept redacted with the turn's record); not when retrieval itself failed
            gap[0] = answer.retrievalFailed() ? null : ContentGap.Kind.NO_ANSWER;
        } else {
            gap[0] = answer.note() != null ? ContentGap.Kind.TYPE_MISSING : null;
            AnswerWriter.Written written = writer.write(message, answer, triage.level());
            citations.addAll(written.citations());
            answeredBy[0] = written.answeredBy();
            body = templates.leadIn() + "\n\n" + written.text() + "\n" + templates.disclaimer();
        }
        String advice = triageReplies.adviceLine(triage, region);
        return advice == null ? body : body + "\n\n" + advice;
    }

    // 4. output check -------------------------------------------------------------------------------------------

    private Routed check(Routed routed, Triaged triaged, Region region) {
        TriageReplies.Checked checked = triageReplies.check(routed.text(), triaged.outcome().level(), region);
        if (!checked.replaced()) {
            return routed;
        }
        Disposition disposition = routed.disposition() == null ? null : new Disposition(routed.disposition().level(),
                routed.disposition().why(), routed.disposition().next(), List.of()); // the replacement cites nothing
        return new Routed(checked.text(), routed.asks(), routed.followUps(), routed.interview(), disposition, List.of(),
                null, null, routed.answer() == null ? null : "replaced");
    }

    // 5. record -------------------------------------------------------------------------------------------------

    /** The turn's record. */
    private TurnRecord turnRecord(Turn turn, Triaged triaged, Routed reply, String message, Long release) {
        TriageState state = triaged.state();
        state.asked(reply.asks());
        TriageOutcome triage = triaged.outcome();
        TurnRecord.Triaged textFree = new TurnRecord.Triaged(triage.level().name(), triage.ruleIds(), triage.ruleSetVersion(),
                index.appliedSeq(), turn.channel(), release);
        InterviewStatus interview = reply.interview();
        return new TurnRecord(turn.given(), message, reply.text(), reply.asks(), !turn.capped(),
                interview == null ? null : interview.flow(), interview != null && interview.done(), state.toJson(), textFree,
                reply.gap());
    }

    /** Holds a turn the store did not record ({@link HeldTurns}); false when it could not be held either. */
    private boolean hold(Turn turn, boolean newConversation, TurnRecord record) {
        return heldTurns.hold(turn.context(), turn.conversationId(), newConversation, record);
    }

    /** An answered turn that could be neither recorded nor held: not acknowledged, so that the client sends it again. */
    private static ApiProblem notKept() {
        return new ApiProblem(503, "Not stored", "the conversation could not be stored just now; send the message again in a minute");
    }

    /**
     * A routed turn whose record lost to another turn of its conversation: it was sent, so it is recorded after what is
     * stored now (its kept triage state, which holds the red flag, stands), at most {@code attempts} times.
     */
    private CompletionStage<Void> recordAfterOthers(String conversationId, TurnRecord record, int attempts) {
        return store.context(conversationId, limits.contextMessages())
                .thenCompose(now -> store.record(now, record))
                .exceptionallyCompose(t -> cause(t) instanceof ConcurrentTurnException && attempts > 1
                        ? recordAfterOthers(conversationId, record, attempts - 1) : CompletableFuture.failedFuture(t));
    }

    /** The value of a guarded store call, or null when it failed or missed its deadline (logged without content). */
    private static <T> T await(CompletionStage<T> call, long deadlineMs, String what) {
        try {
            // bounded here too: under a burst every worker thread may wait like this one while the call waits for a thread
            return call.toCompletableFuture().get(deadlineMs + GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warnf("conversation store %s not done in time: answering without it", what);
            return null;
        } catch (ExecutionException e) {
            LOG.warnf("conversation store %s failed (%s): answering without it", what, e.getCause().getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
