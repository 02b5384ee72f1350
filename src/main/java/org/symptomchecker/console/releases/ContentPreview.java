package org.symptomchecker.console.releases;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.answer.ChatReply;
import org.symptomchecker.answer.InterviewStatus;
import org.symptomchecker.chat.ChatService;
import org.symptomchecker.content.ActiveContent;
import org.symptomchecker.content.ContentFiles;
import org.symptomchecker.content.ContentLens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs conversations on two sets of content side by side: the published release and a draft (or any release). Each
 * side is the service's own pipeline (triage, interview, answer, output check) under a {@link ContentLens} on that
 * content's files, written once to {@code data-dir/content/preview-<hash>}; nothing is stored. Citations come from the
 * corpus index this instance serves: a draft's corpus changes show in its citations only once published.
 */
@ApplicationScoped
public class ContentPreview {

    /** Lenses kept (a rule set each, read once): the published release and a few drafts being worked on. */
    private static final int KEPT = 4;

    /** One turn as the console shows it. */
    public record TurnView(String message, String level, List<String> ruleIds, String reply, List<ChatReply.Citation> citations,
                           InterviewStatus interview) {

        static TurnView of(ChatService.RehearsedTurn t) {
            ChatReply r = t.reply();
            return new TurnView(t.message(), r.triage().level().name(), t.ruleIds(), r.reply(), r.citations(), r.interview());
        }
    }

    /** One side's conversation: which content, and its turns. */
    public record Side(String content, Long release, List<TurnView> turns) {

        public TurnView last() {
            return turns.get(turns.size() - 1);
        }
    }

    /** Both sides, and the turns whose level, rules, reply or citations differ (0-based). */
    public record Comparison(Side published, Side draft, List<Integer> differingTurns) {
    }

    private final ChatService chat;
    private final Path work;
    private final Map<String, ContentLens> lenses = new LinkedHashMap<>(8, 0.75f, true);

    public ContentPreview(ChatService chat, SymptomConfig config) {
        this.chat = chat;
        this.work = Path.of(config.dataDir()).resolve("content");
        // the folders an earlier run of this instance wrote: no lens of this run reads them
        try (java.util.stream.Stream<Path> old = Files.isDirectory(work) ? Files.list(work) : java.util.stream.Stream.empty()) {
            old.filter(f -> f.getFileName().toString().startsWith("preview-")).forEach(ContentFiles::deleteFolder);
        } catch (java.io.IOException e) {
            // left for the next start
        }
    }

    /** A lens on these content files (a draft's, or a candidate's): found again by their hash. */
    public ContentLens lens(Map<String, String> items) {
        String hash = ReleaseWorkflow.contentHash(items);
        return lens(hash, () -> items, null, hash);
    }

    /** A lens on a release: a release never changes, so its files are read only when no lens on it is kept. */
    public ContentLens lens(long release, java.util.function.Supplier<Map<String, String>> items) {
        return lens("r" + release, items, release, null);
    }

    private ContentLens lens(String key, java.util.function.Supplier<Map<String, String>> files, Long release, String knownHash) {
        synchronized (lenses) {
            ContentLens kept = lenses.get(key);
            if (kept != null) {
                return kept;
            }
        }
        Map<String, String> items = files.get();
        String hash = knownHash != null ? knownHash : ReleaseWorkflow.contentHash(items);
        Path folder = work.resolve("preview-" + hash.substring(0, 16) + (release == null ? "" : "-r" + release));
        if (!Files.isDirectory(folder)) {
            ContentFiles.write(items, folder);
        }
        ContentLens lens = ContentLens.of(new ActiveContent.Folders(release, hash, folder.resolve("prompts"),
                folder.resolve("guardrails"), folder.resolve("corpus")));
        synchronized (lenses) {
            ContentLens raced = lenses.putIfAbsent(key, lens);
            if (raced != null) {
                return raced;
            }
            if (lenses.size() > KEPT) {
                var eldest = lenses.entrySet().iterator().next();
                lenses.remove(eldest.getKey());
                Path gone = eldest.getValue().folders().guardrails().getParent();
                if (!gone.equals(folder)) {
                    ContentFiles.deleteFolder(gone);
                }
            }
            return lens;
        }
    }

    /** A conversation under one lens, as the service would answer it. */
    public Side run(String label, ContentLens lens, Conversation c) {
        List<ChatService.RehearsedTurn> turns = lens.run(() -> chat.rehearse(c.messages(), c.age(), c.sex(), c.region(), c.channel()));
        return new Side(label, lens.folders().release(), turns.stream().map(TurnView::of).toList());
    }

    /** A conversation under the published release and under the draft, turn by turn. */
    public Comparison compare(ContentLens published, ContentLens draft, Conversation c) {
        Side before = run("published", published, c);
        Side after = run("draft", draft, c);
        List<Integer> differ = new ArrayList<>();
        for (int i = 0; i < before.turns().size(); i++) {
            TurnView a = before.turns().get(i);
            TurnView b = after.turns().get(i);
            if (!a.level().equals(b.level()) || !a.ruleIds().equals(b.ruleIds()) || !a.reply().equals(b.reply())
                    || !documents(a).equals(documents(b))) {
                differ.add(i);
            }
        }
        return new Comparison(before, after, differ);
    }

    static List<String> documents(TurnView t) {
        return t.citations() == null ? List.of() : t.citations().stream().map(ChatReply.Citation::documentId).toList();
    }

    /** What a preview runs: the person's messages in order, and what they told about themselves. */
    public record Conversation(List<String> messages, Integer age, String sex, String region, String channel) {
    }
}
