package org.symptomchecker.console.releases;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.console.audit.AuditLog;
import org.symptomchecker.content.ActiveContent;
import org.symptomchecker.content.ContentFiles;
import org.symptomchecker.content.ContentStore;
import org.symptomchecker.content.DraftStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The content team's way from an edit to a published release: a draft on the published release, its diff, an
 * evaluation, a reviewer's approval where the change touches what routes people (rules, fixed responses, regions,
 * interview flows), and a publish through {@link PublishGate}. A rollback publishes an older release through the
 * same gate. Every step is in the audit log.
 */
@ApplicationScoped
public class ReleaseWorkflow {

    private static final Logger LOG = Logger.getLogger(ReleaseWorkflow.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Audit entries hold a file's text up to this size; a larger one by its hash and size. */
    private static final int AUDIT_TEXT_CHARS = 8000;

    /** One file's change: added, changed or removed, with its line diff. */
    public record ItemDiff(String path, String change, boolean needsSignOff, List<LineDiff.Line> lines) {
    }

    /** A draft as the console shows it. */
    public record DraftView(DraftStore.Draft draft, List<String> changedPaths, boolean needsSignOff, boolean approved,
                            Long published, boolean basedOnPublished) {
    }

    private final ContentStore releases;
    private final DraftStore drafts;
    private final PublishGate gate;
    private final ActiveContent content;
    private final AuditLog audit;
    private final ContentPreview preview;

    public ReleaseWorkflow(ContentStore releases, DraftStore drafts, PublishGate gate, ActiveContent content, AuditLog audit,
                           ContentPreview preview) {
        this.preview = preview;
        this.releases = releases;
        this.drafts = drafts;
        this.gate = gate;
        this.content = content;
        this.audit = audit;
    }

    /** Whether changing this file needs a second person's approval: it decides what people at risk are told. */
    public static boolean needsSignOff(String path) {
        return path.equals("guardrails/rules.yaml") || path.startsWith("guardrails/responses/")
                || path.equals("guardrails/regions.yaml") || path.startsWith("guardrails/interviews/");
    }

    public DraftView create(String user, String note) {
        Long published = published();
        if (published == null) {
            throw new ApiProblem(409, "Conflict", "there is no published release to start a draft from");
        }
        DraftStore.Draft d = drafts.create(user, note == null ? "" : note.strip(), published);
        audit.record(user, "draft.created", "draft/" + d.id(), null, json(Map.of("basedOn", published, "note", d.note())));
        return view(d);
    }

    public List<DraftView> list() {
        return drafts.list().stream().map(this::view).toList();
    }

    public DraftView view(long id) {
        return view(draft(id));
    }

    /** Sets a file of the draft ({@code body}), or removes it ({@code null}). */
    public DraftView change(long id, String path, String body, String user) {
        DraftStore.Draft d = open(id);
        safePath(path);
        String before = drafts.content(id).get(path);
        if (body == null && before == null) {
            throw new ApiProblem(404, "Not found", "the draft has no file '" + path + "' to remove");
        }
        drafts.change(id, path, body);
        audit.record(user, body == null ? "draft.file-removed" : "draft.file-changed", "draft/" + d.id() + "/" + path,
                fileJson(path, before), fileJson(path, body));
        return view(id);
    }

    /** Takes a file's change out of the draft. */
    public DraftView revert(long id, String path, String user) {
        DraftStore.Draft d = open(id);
        String before = drafts.content(id).get(path);
        drafts.revert(id, path);
        audit.record(user, "draft.file-reverted", "draft/" + d.id() + "/" + path, fileJson(path, before),
                fileJson(path, drafts.content(id).get(path)));
        return view(id);
    }

    /** The draft's files against the published release, file by file. */
    public List<ItemDiff> diff(long id) {
        DraftStore.Draft d = draft(id);
        Map<String, String> after = d.state() == DraftStore.State.published && d.release() != null
                ? releases.items(d.release()) : drafts.content(id);
        Long published = published();
        Map<String, String> before = published == null ? Map.of() : releases.items(published);
        return diff(before, after);
    }

    /** Two sets of files, file by file. */
    public static List<ItemDiff> diff(Map<String, String> before, Map<String, String> after) {
        List<ItemDiff> out = new ArrayList<>();
        for (String path : ContentStore.changedPaths(before, after)) {
            String was = before.get(path);
            String now = after.get(path);
            String change = was == null ? "added" : now == null ? "removed" : "changed";
            out.add(new ItemDiff(path, change, needsSignOff(path), LineDiff.of(was, now)));
        }
        return out;
    }

    /** Runs the publish gate on the draft as it is now, without publishing. */
    public PublishGate.Report evaluate(long id, String user) {
        draft(id);
        Long published = published();
        PublishGate.Report report = gate.evaluate(drafts.content(id), releases.items(published));
        audit.record(user, "draft.evaluated", "draft/" + id, null, json(summary(report)));
        return report;
    }

    /**
     * A conversation under the published release and under the draft, side by side. A draft whose rule files do not
     * read is answered with their errors (422).
     */
    public ContentPreview.Comparison preview(long id, ContentPreview.Conversation conversation) {
        draft(id);
        Long published = published();
        try {
            return preview.compare(preview.lens(published, () -> releases.items(published)), preview.lens(drafts.content(id)), conversation);
        } catch (org.symptomchecker.triage.InvalidRuleSetException e) {
            throw new ApiProblem(422, "Draft does not read", "the draft's rule files have " + e.errors().size() + " error(s); first: " + e.getMessage());
        }
    }

    /** The golden conversations of a draft, by id. */
    public List<GoldenConversation> golden(long id) {
        draft(id);
        return GoldenConversation.read(drafts.content(id)).values().stream().map(GoldenConversation.Located::golden).toList();
    }

    /** Adds a golden conversation to a draft, or replaces the one with its id where it is kept. */
    public DraftView putGolden(long id, GoldenConversation golden, String user) {
        List<String> wrong = golden.problems();
        if (!wrong.isEmpty()) {
            throw new ApiProblem(String.join("; ", wrong));
        }
        Map<String, String> files = drafts.content(id);
        GoldenConversation.Located kept = GoldenConversation.read(files).get(golden.id());
        String path = kept == null ? GoldenConversation.FILE : kept.path();
        return change(id, path, GoldenConversation.withLine(files.get(path), golden.id(), golden.toLine()), user);
    }

    /** Takes a golden conversation out of a draft. */
    public DraftView removeGolden(long id, String goldenId, String user) {
        Map<String, String> files = drafts.content(id);
        GoldenConversation.Located kept = GoldenConversation.read(files).get(goldenId);
        if (kept == null) {
            throw new ApiProblem(404, "Not found", "draft " + id + " has no golden conversation '" + goldenId + "'");
        }
        return change(id, kept.path(), GoldenConversation.withLine(files.get(kept.path()), goldenId, null), user);
    }

    /** A reviewer who is not the draft's author approves the draft's content as it is now. */
    public DraftView approve(long id, String reviewer) {
        DraftStore.Draft d = open(id);
        if (d.author().equals(reviewer)) {
            throw new ApiProblem(403, "Forbidden", "a draft is approved by a reviewer who is not its author");
        }
        String hash = contentHash(drafts.content(id));
        drafts.approve(id, reviewer, hash);
        audit.record(reviewer, "draft.approved", "draft/" + id, null, json(Map.of("contentHash", hash)));
        return view(id);
    }

    /** The outcome of a publish or rollback: the release now served, or the gate's refusal. */
    public record Published(boolean published, Long release, PublishGate.Report report, List<String> refusals) {
    }

    /** Publishes the draft as a new release, when it is approved where it must be and passes the gate. */
    public Published publish(long id, String user) {
        DraftStore.Draft d = open(id);
        Long published = published();
        if (!Objects.equals(published, d.basedOn())) {
            throw new ApiProblem(409, "Conflict", "release " + published + " was published after this draft was started from release "
                    + d.basedOn() + "; start a new draft from it");
        }
        Map<String, String> candidate = drafts.content(id);
        Map<String, String> current = releases.items(published);
        List<String> changed = ContentStore.changedPaths(current, candidate);
        if (changed.isEmpty()) {
            throw new ApiProblem(409, "Conflict", "the draft changes nothing");
        }
        List<String> refusals = new ArrayList<>();
        if (changed.stream().anyMatch(ReleaseWorkflow::needsSignOff)) {
            DraftStore.Draft now = draft(id);
            if (now.approvedHash() == null || !now.approvedHash().equals(contentHash(candidate))) {
                refusals.add("the draft changes rules, fixed responses, regions or interview flows: a reviewer who is not its author must approve it as it is now");
            }
        }
        PublishGate.Report report = gate.evaluate(candidate, current);
        refusals.addAll(report.refusals());
        if (!refusals.isEmpty()) {
            audit.record(user, "release.publish-refused", "draft/" + id, null, json(Map.of("refusals", refusals)));
            return new Published(false, null, report, refusals);
        }
        // one transaction, under the content state's lock: a publish that raced this one since the gate ran wins, and
        // this one writes nothing
        ContentStore.Release release = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            ContentStore.Release r = releases.create(d.author(), d.note(), published, candidate);
            if (!Objects.equals(releases.published().release(), published)) {
                throw new ApiProblem(409, "Conflict", "another release was published while this draft was evaluated; start a new draft");
            }
            releases.publish(r.number(), user);
            drafts.close(id, DraftStore.State.published, r.number());
            return r;
        });
        audit.record(user, "release.published", "release/" + release.number(), json(Map.of("release", published)),
                json(Map.of("release", release.number(), "draft", id, "contentHash", release.contentHash(),
                        "approvedBy", String.valueOf(d.approvedBy()), "changed", changed)));
        content.refresh();
        LOG.infof("content release %d published from draft %d", release.number(), id);
        return new Published(true, release.number(), report, List.of());
    }

    /** Publishes an older release again, through the same gate. */
    public Published rollback(long release, String user) {
        Long published = published();
        if (releases.find(release).isEmpty()) {
            throw new ApiProblem(404, "Not found", "there is no release " + release);
        }
        if (Objects.equals(published, release)) {
            throw new ApiProblem(409, "Conflict", "release " + release + " is the one published");
        }
        PublishGate.Report report = gate.evaluate(releases.items(release), releases.items(published));
        if (!report.passes()) {
            audit.record(user, "release.rollback-refused", "release/" + release, null, json(Map.of("refusals", report.refusals())));
            return new Published(false, null, report, report.refusals());
        }
        releases.publish(release, user);
        audit.record(user, "release.rolled-back", "release/" + release, json(Map.of("release", published)), json(Map.of("release", release)));
        content.refresh();
        return new Published(true, release, report, List.of());
    }

    /** Discards an open draft. */
    public DraftView discard(long id, String user) {
        open(id);
        drafts.close(id, DraftStore.State.discarded, null);
        audit.record(user, "draft.discarded", "draft/" + id, null, null);
        return view(id);
    }

    private DraftView view(DraftStore.Draft d) {
        Long published = published();
        Map<String, String> content = drafts.content(d.id());
        List<String> changed = d.state() == DraftStore.State.open
                ? ContentStore.changedPaths(releases.items(d.basedOn()), content) : new ArrayList<>(new TreeSet<>(drafts.changes(d.id()).keySet()));
        boolean sign = changed.stream().anyMatch(ReleaseWorkflow::needsSignOff);
        boolean approved = d.approvedHash() != null && d.approvedHash().equals(contentHash(content));
        return new DraftView(d, changed, sign, approved, published, Objects.equals(published, d.basedOn()));
    }

    private DraftStore.Draft draft(long id) {
        return drafts.find(id).orElseThrow(() -> new ApiProblem(404, "Not found", "there is no draft " + id));
    }

    private DraftStore.Draft open(long id) {
        DraftStore.Draft d = draft(id);
        if (d.state() != DraftStore.State.open) {
            throw new ApiProblem(409, "Conflict", "draft " + id + " is " + d.state() + ", no longer open");
        }
        return d;
    }

    private Long published() {
        return releases.published().release();
    }

    private static void safePath(String path) {
        try {
            ContentFiles.safe(path);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(e.getMessage());
        }
    }

    static String contentHash(Map<String, String> items) {
        Map<String, String> hashes = new LinkedHashMap<>();
        items.forEach((p, t) -> hashes.put(p, ContentFiles.sha256(t)));
        return ContentFiles.hashOf(hashes);
    }

    private static Map<String, Object> summary(PublishGate.Report r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("passes", r.passes());
        out.put("refusals", r.refusals());
        out.put("cases", r.cases());
        out.put("changed", r.changed().size());
        if (r.conversations() != null) {
            out.put("golden", r.conversations().golden().size());
            out.put("goldenRegressed", r.conversations().golden().stream().filter(ConversationChecks.GoldenResult::regressed).count());
            out.put("answersChanged", r.conversations().changedAnswers().size());
        }
        return out;
    }

    private static String fileJson(String path, String text) {
        if (text == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", path);
        out.put("sha256", ContentFiles.sha256(text));
        out.put("chars", text.length());
        if (text.length() <= AUDIT_TEXT_CHARS) {
            out.put("text", text);
        }
        return json(out);
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
