package org.symptomchecker.chat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.answer.ChatReply;
import org.symptomchecker.answer.Disposition;
import org.symptomchecker.answer.GuardedAnswerer;
import org.symptomchecker.answer.InterviewStatus;
import org.symptomchecker.answer.ReplyTemplates;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.interview.InterviewTurn;
import org.symptomchecker.interview.Interviewer;
import org.symptomchecker.retrieval.PassageIndex;
import org.symptomchecker.triage.Guardrails;
import org.symptomchecker.triage.Region;
import org.symptomchecker.triage.TriageLevel;
import org.symptomchecker.triage.TriageOutcome;
import org.symptomchecker.triage.TriageReplies;
import org.symptomchecker.triage.TriageState;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The chat pipeline's five steps with every collaborator mocked: what is called, in which case, and what is recorded. */
class ChatServiceTest {

    static final Region REGION = new Region("911", "988");

    io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    GuardedStore store = mock(GuardedStore.class);
    GuardedAnswerer answerer = mock(GuardedAnswerer.class);
    ReplyTemplates templates = mock(ReplyTemplates.class);
    Guardrails guardrails = mock(Guardrails.class);
    TriageReplies replies = mock(TriageReplies.class);
    PassageIndex index = mock(PassageIndex.class);
    Interviewer interviewer = mock(Interviewer.class);
    org.symptomchecker.answer.ModelPhrasing llm = mock(org.symptomchecker.answer.ModelPhrasing.class); // answers empty: no model
    org.symptomchecker.answer.AnswerWriter writer = new org.symptomchecker.answer.AnswerWriter(llm);
    HeldTurns heldTurns = mock(HeldTurns.class);
    ChatService chat;

    @BeforeEach
    void wire() {
        SymptomConfig config = mock(SymptomConfig.class);
        SymptomConfig.Conversation limits = mock(SymptomConfig.Conversation.class);
        when(config.conversation()).thenReturn(limits);
        SymptomConfig.Deadlines deadlines = mock(SymptomConfig.Deadlines.class);
        when(config.deadlines()).thenReturn(deadlines);
        when(deadlines.storeReadMs()).thenReturn(500L);
        when(deadlines.storeWriteMs()).thenReturn(1000L);
        when(limits.maxTurns()).thenReturn(500);
        when(limits.maxStoredChars()).thenReturn(2_000_000L);
        when(limits.contextMessages()).thenReturn(40);
        when(guardrails.region(any(), any())).thenReturn(REGION);
        when(replies.check(anyString(), any(), any())).thenAnswer(i -> new TriageReplies.Checked(i.getArgument(0), false));
        when(store.record(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
        org.symptomchecker.content.ActiveContent content = mock(org.symptomchecker.content.ActiveContent.class);
        when(content.folders()).thenReturn(new org.symptomchecker.content.ActiveContent.Folders(null, null, null, null, null));
        chat = new ChatService(store, answerer, templates, guardrails, replies, index, interviewer, writer, config, content,
                new org.symptomchecker.metrics.TurnMetrics(meters, io.opentelemetry.api.OpenTelemetry.noop().getTracer("test")), heldTurns);
        when(heldTurns.hold(any(), any(), anyBoolean(), any())).thenReturn(true);
    }

    static TurnContext stored(long version) {
        return new TurnContext("c1", version, false, null, new ConversationStore.Profile(40, null, null, null),
                null, false, 2, 100, TriageState.fromJson("{}"), List.of());
    }

    void triageGives(TriageLevel level) {
        TriageOutcome outcome = new TriageOutcome(level, List.of("r1"), List.of(), level.name().toLowerCase(), null, false, false, false, "v1");
        when(guardrails.advance(any(), any(), any(), any(), any())).thenReturn(new Guardrails.Advanced(outcome, TriageState.fromJson("{}")));
    }

    @Test
    void aRedFlagGetsItsFixedReplyWithoutInterviewOrRetrieval() {
        when(store.context(any(), anyInt())).thenReturn(CompletableFuture.completedFuture(stored(3)));
        triageGives(TriageLevel.EMERGENCY);
        when(replies.fixedReply(any(), any())).thenReturn("Call 911 now.");

        ChatReply reply = chat.reply(new ChatRequest("c1", "crushing chest pain", null, null, null));

        assertThat(reply.reply()).isEqualTo("Call 911 now.");
        verify(interviewer, never()).next(any(), any(), any(), any(), any(), any());
        verify(answerer, never()).answer(any(), any());
        Mockito.verifyNoInteractions(llm); // the language model is never asked on a red flag
        verify(store).record(any(), Mockito.argThat(r -> r.keepMessages() && r.replyText().equals("Call 911 now.")
                && r.triage().level().equals("EMERGENCY")));
    }

    @Test
    void withTheStoreDownTriageStillRunsOnTheRequestAndTheTurnIsHeld() {
        when(store.context(any(), anyInt())).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("database down")));
        triageGives(TriageLevel.EMERGENCY);
        when(replies.fixedReply(any(), any())).thenReturn("Call 911 now.");

        ChatReply reply = chat.reply(new ChatRequest("c1", "crushing chest pain", null, null, null));

        assertThat(reply.reply()).isEqualTo("Call 911 now.");
        assertThat(reply.conversationId()).isEqualTo("c1");
        verify(store, never()).record(any(), any());
        verify(guardrails).advance(Mockito.isNull(), any(), Mockito.argThat(t -> t.size() == 1), any(), any());
        // held off the reply's path: the fixed reply does not wait for the disk
        verify(heldTurns, Mockito.timeout(5000)).hold(Mockito.isNull(), Mockito.eq("c1"), Mockito.eq(false),
                Mockito.argThat(r -> r.replyText().equals("Call 911 now.") && r.triage().level().equals("EMERGENCY")));
    }

    @Test
    void aTurnTheStoreFailedToRecordIsHeldAndAnswered() {
        when(store.context(any(), anyInt())).thenReturn(CompletableFuture.completedFuture(stored(3)));
        triageGives(TriageLevel.NONE);
        when(answerer.answer(any(), any())).thenReturn(new org.symptomchecker.answer.CitedAnswer(List.of()));
        when(templates.noAnswer()).thenReturn("No vetted information.");
        when(store.record(any(), any())).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("database down")));

        ChatReply reply = chat.reply(new ChatRequest("c1", "what is tens", null, null, null));

        assertThat(reply.reply()).isEqualTo("No vetted information.");
        verify(heldTurns).hold(Mockito.argThat(c -> c != null && c.version() == 3), Mockito.eq("c1"), Mockito.eq(false),
                Mockito.argThat(r -> r.userText().equals("what is tens")));
    }

    @Test
    void aTurnThatCanBeNeitherRecordedNorHeldIsRefusedWith503ButARedFlagIsStillAnswered() {
        when(store.context(any(), anyInt())).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("database down")));
        when(heldTurns.hold(any(), any(), anyBoolean(), any())).thenReturn(false);
        triageGives(TriageLevel.NONE);
        when(answerer.answer(any(), any())).thenReturn(new org.symptomchecker.answer.CitedAnswer(List.of()));
        when(templates.noAnswer()).thenReturn("No vetted information.");

        assertThatThrownBy(() -> chat.reply(new ChatRequest("c1", "what is tens", null, null, null)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(503));

        triageGives(TriageLevel.EMERGENCY);
        when(replies.fixedReply(any(), any())).thenReturn("Call 911 now.");
        assertThat(chat.reply(new ChatRequest("c1", "crushing chest pain", null, null, null)).reply()).isEqualTo("Call 911 now.");
    }

    @Test
    void aTurnThatLostARaceIsAnsweredAgainOnTheNewerConversation() {
        when(store.context(any(), anyInt())).thenReturn(CompletableFuture.completedFuture(stored(3)),
                CompletableFuture.completedFuture(stored(4)));
        triageGives(TriageLevel.NONE);
        when(answerer.answer(any(), any())).thenReturn(new org.symptomchecker.answer.CitedAnswer(List.of()));
        when(templates.noAnswer()).thenReturn("No vetted information.");
        when(store.record(any(), any())).thenReturn(CompletableFuture.failedFuture(new ConcurrentTurnException()),
                CompletableFuture.completedFuture(null));

        ChatReply reply = chat.reply(new ChatRequest("c1", "what is tens", null, null, null));

        assertThat(reply.reply()).isEqualTo("No vetted information.");
        verify(store, times(2)).context(any(), anyInt());
        verify(store).record(Mockito.argThat(c -> c != null && c.version() == 4), any());
    }

    @Test
    void aQuestionWithoutVettedContentIsAContentGapButAFailedRetrievalIsNot() {
        when(store.context(any(), anyInt())).thenReturn(CompletableFuture.completedFuture(stored(3)));
        triageGives(TriageLevel.NONE);
        when(templates.noAnswer()).thenReturn("No vetted information.");
        when(answerer.answer(any(), any())).thenReturn(org.symptomchecker.answer.CitedAnswer.none());
        chat.reply(new ChatRequest("c1", "why do I get heartburn", null, null, null));
        verify(store).record(any(), Mockito.argThat(r -> r.gap() == ContentGap.Kind.NO_ANSWER));

        Mockito.clearInvocations(store);
        when(store.context(any(), anyInt())).thenReturn(CompletableFuture.completedFuture(stored(4)));
        when(answerer.answer(any(), any())).thenReturn(org.symptomchecker.answer.CitedAnswer.unavailable());
        ChatReply down = chat.reply(new ChatRequest("c1", "why do I get heartburn", null, null, null));
        assertThat(down.reply()).isEqualTo("No vetted information.");
        verify(store).record(any(), Mockito.argThat(r -> r.gap() == null));
    }

    @Test
    void aTurnThatKeepsLosingIsRefusedWith409() {
        when(store.context(any(), anyInt())).thenReturn(CompletableFuture.completedFuture(stored(3)));
        triageGives(TriageLevel.NONE);
        when(answerer.answer(any(), any())).thenReturn(new org.symptomchecker.answer.CitedAnswer(List.of()));
        when(templates.noAnswer()).thenReturn("No vetted information.");
        when(store.record(any(), any())).thenReturn(CompletableFuture.failedFuture(new ConcurrentTurnException()));

        assertThatThrownBy(() -> chat.reply(new ChatRequest("c1", "what is tens", null, null, null)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(409));
    }

    @Test
    void aReplyTheOutputCheckReplacedCitesNothing() {
        when(store.context(any(), anyInt())).thenReturn(CompletableFuture.completedFuture(stored(3)));
        triageGives(TriageLevel.SELF_CARE);
        ChatReply.Citation cited = new ChatReply.Citation("d", "d#1", "Doc", null, "text");
        when(interviewer.next(any(), any(), any(), any(), any(), any())).thenReturn(new InterviewTurn("Self-care [1]", null, List.of(),
                new InterviewStatus("low-back-pain", 3, 3, true), new Disposition(TriageLevel.SELF_CARE, "why", "next", List.of(cited)), List.of(cited), null));
        when(replies.check(anyString(), any(), any())).thenReturn(new TriageReplies.Checked("A safe reply.", true));

        ChatReply reply = chat.reply(new ChatRequest("c1", "my back hurts", null, null, null));

        assertThat(reply.reply()).isEqualTo("A safe reply.");
        assertThat(reply.citations()).isEmpty();
        assertThat(reply.disposition().citations()).isEmpty();
        verify(store).record(any(), Mockito.argThat(r -> "low-back-pain".equals(r.interviewFlow()) && r.interviewDone()));
    }

    @Test
    void aFullConversationGetsTheCapReplyAndKeepsNoText() {
        TurnContext full = new TurnContext("c1", 9, false, null, new ConversationStore.Profile(null, null, null, null),
                null, false, 1000, 100, TriageState.fromJson("{}"), List.of());
        when(store.context(any(), anyInt())).thenReturn(CompletableFuture.completedFuture(full));
        triageGives(TriageLevel.NONE);
        when(templates.conversationFull()).thenReturn("This conversation is full.");

        ChatReply reply = chat.reply(new ChatRequest("c1", "what is tens", null, null, null));

        assertThat(reply.reply()).isEqualTo("This conversation is full.");
        verify(answerer, never()).answer(any(), any());
        verify(store).record(any(), Mockito.argThat(r -> !r.keepMessages()));
    }
}
