package org.symptomchecker.console.releases;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.validation.Valid;
import org.symptomchecker.api.Age;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.api.Sex;
import org.symptomchecker.chat.ConversationStore;
import org.symptomchecker.console.audit.AuditLog;
import org.symptomchecker.content.ContentFiles;
import org.symptomchecker.console.ConsoleActor;
import org.symptomchecker.console.ConsoleRole;
import org.symptomchecker.console.security.ConsoleAccess;
import org.symptomchecker.content.ContentStore;
import org.symptomchecker.content.DraftStore;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The content API of the console: releases (read, export, roll back) and drafts (edit, diff, evaluate, approve,
 * publish). Every call needs a console login; changes need the user's CSRF token (see README "Console security").
 */
@Path("/api/v1/admin/content")
@Produces(MediaType.APPLICATION_JSON)
public class ContentReleasesResource {

    /** The largest file a draft takes, in characters. */
    static final int MAX_FILE_CHARS = 4_000_000;

    private final ConsoleAccess access;
    private final ContentStore releases;
    private final DraftStore drafts;
    private final ReleaseWorkflow workflow;
    private final ConversationStore conversations;
    private final AuditLog audit;

    public ContentReleasesResource(ConsoleAccess access, ContentStore releases, DraftStore drafts, ReleaseWorkflow workflow,
                                   ConversationStore conversations, AuditLog audit) {
        this.conversations = conversations;
        this.audit = audit;
        this.access = access;
        this.releases = releases;
        this.drafts = drafts;
        this.workflow = workflow;
    }

    public record ReleaseView(ContentStore.Release release, boolean published, List<String> paths) {
    }

    public record NewDraft(String note) {
    }

    // ---- releases ----

    @GET
    @Path("/releases")
    @Operation(summary = "Every content release, newest first, and which one is published")
    public Map<String, Object> releases() {
        access.require();
        return Map.of("published", releases.published(), "releases", releases.releases());
    }

    @GET
    @Path("/releases/{number}")
    @Operation(summary = "One release: its author, note, content hash and files")
    public ReleaseView release(@PathParam("number") long number) {
        access.require();
        ContentStore.Release r = releases.find(number).orElseThrow(() -> new ApiProblem(404, "Not found", "there is no release " + number));
        Long published = releases.published().release();
        return new ReleaseView(r, Long.valueOf(number).equals(published), List.copyOf(releases.items(number).keySet()));
    }

    @GET
    @Path("/releases/{number}/files/{path: .+}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "One file of a release, as text")
    public String releaseFile(@PathParam("number") long number, @PathParam("path") String path) {
        access.require();
        return file(releases.items(number), path, "release " + number);
    }

    @GET
    @Path("/releases/{number}/export")
    @Produces("application/zip")
    @Operation(summary = "A release as a zip of the prompts/, guardrails/ and corpus/ files, to unpack over the project")
    public Response export(@PathParam("number") long number) {
        access.require();
        if (releases.find(number).isEmpty()) {
            throw new ApiProblem(404, "Not found", "there is no release " + number);
        }
        Map<String, String> items = releases.items(number);
        StreamingOutput zip = out -> {
            try (ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> e : items.entrySet()) {
                    z.putNextEntry(new ZipEntry(e.getKey()));
                    z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                    z.closeEntry();
                }
            }
        };
        return Response.ok(zip).header("Content-Disposition", "attachment; filename=\"content-release-" + number + ".zip\"").build();
    }

    @POST
    @Path("/releases/{number}/rollback")
    @Operation(summary = "Publish an older release again, through the publish gate (reviewer or admin)")
    public Response rollback(@PathParam("number") long number) {
        ConsoleActor actor = access.require(ConsoleRole.REVIEWER, ConsoleRole.ADMIN);
        return outcome(workflow.rollback(number, actor.username()));
    }

    // ---- drafts ----

    @GET
    @Path("/drafts")
    public List<ReleaseWorkflow.DraftView> drafts() {
        access.require();
        return workflow.list();
    }

    @POST
    @Path("/drafts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a draft from the published release")
    public Response create(NewDraft body) {
        ConsoleActor actor = access.require(ConsoleRole.EDITOR, ConsoleRole.ADMIN);
        String note = body == null ? null : body.note();
        if (note != null && note.length() > 4000) {
            throw new ApiProblem("'note' is longer than 4000 characters");
        }
        ReleaseWorkflow.DraftView d = workflow.create(actor.username(), note);
        return Response.status(201).entity(d).build();
    }

    @GET
    @Path("/drafts/{id}")
    public ReleaseWorkflow.DraftView draft(@PathParam("id") long id) {
        access.require();
        return workflow.view(id);
    }

    @GET
    @Path("/drafts/{id}/files/{path: .+}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "One file of a draft as it now reads")
    public String draftFile(@PathParam("id") long id, @PathParam("path") String path) {
        access.require();
        workflow.view(id);
        return file(drafts.content(id), path, "draft " + id);
    }

    @PUT
    @Path("/drafts/{id}/files/{path: .+}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Operation(summary = "Set one file of a draft (editor or admin); any approval of the draft is void after it")
    public ReleaseWorkflow.DraftView put(@PathParam("id") long id, @PathParam("path") String path, String text) {
        ConsoleActor actor = access.require(ConsoleRole.EDITOR, ConsoleRole.ADMIN);
        if (text == null) {
            throw new ApiProblem("the file's text is missing");
        }
        if (text.length() > MAX_FILE_CHARS) {
            throw new ApiProblem(413, "Payload too large", "a content file may hold at most " + MAX_FILE_CHARS + " characters");
        }
        if (text.indexOf('\u0000') >= 0) {
            throw new ApiProblem("a content file is text: it may not hold NUL characters");
        }
        return workflow.change(id, path, text, actor.username());
    }

    @DELETE
    @Path("/drafts/{id}/files/{path: .+}")
    @Operation(summary = "Remove one file in a draft (editor or admin)")
    public ReleaseWorkflow.DraftView remove(@PathParam("id") long id, @PathParam("path") String path) {
        ConsoleActor actor = access.require(ConsoleRole.EDITOR, ConsoleRole.ADMIN);
        return workflow.change(id, path, null, actor.username());
    }

    @POST
    @Path("/drafts/{id}/revert/{path: .+}")
    @Operation(summary = "Take one file's change out of a draft (editor or admin)")
    public ReleaseWorkflow.DraftView revert(@PathParam("id") long id, @PathParam("path") String path) {
        ConsoleActor actor = access.require(ConsoleRole.EDITOR, ConsoleRole.ADMIN);
        return workflow.revert(id, path, actor.username());
    }

    @GET
    @Path("/drafts/{id}/diff")
    @Operation(summary = "The draft's files against the published release, file by file, line by line")
    public List<ReleaseWorkflow.ItemDiff> diff(@PathParam("id") long id) {
        access.require();
        return workflow.diff(id);
    }

    @POST
    @Path("/drafts/{id}/evaluation")
    @Operation(summary = "Run the publish gate on the draft without publishing: every evaluation case whose level changed, and what would refuse it")
    public PublishGate.Report evaluate(@PathParam("id") long id) {
        ConsoleActor actor = access.require();
        return workflow.evaluate(id, actor.username());
    }

    /**
     * What a preview runs: the person's {@code messages}, or a stored conversation's ({@code conversationId}), or one of
     * the draft's golden conversations ({@code golden}); exactly one of them.
     */
    public record PreviewRequest(List<String> messages, String conversationId, String golden, @Age Integer age,
                                 @Sex.Valid String sex, String region, String channel) {
    }

    @POST
    @Path("/drafts/{id}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a conversation under the published release and under the draft, side by side: level, rule ids, reply and citations of every turn")
    public ContentPreview.Comparison preview(@PathParam("id") long id, @Valid PreviewRequest body) {
        ConsoleActor actor = access.require();
        if (body == null) {
            throw new ApiProblem("a JSON body is required: {\"messages\": [...]} or {\"conversationId\": ...} or {\"golden\": ...}");
        }
        int given = (body.messages() != null ? 1 : 0) + (body.conversationId() != null ? 1 : 0) + (body.golden() != null ? 1 : 0);
        if (given != 1) {
            throw new ApiProblem("give exactly one of 'messages', 'conversationId' and 'golden'");
        }
        if (body.channel() != null && !body.channel().matches("(?i)[a-z0-9_-]{1,32}")) {
            throw new ApiProblem("'channel' must be 1 to 32 letters, digits, '-' or '_'");
        }
        ContentPreview.Conversation conversation;
        if (body.golden() != null) {
            GoldenConversation g = workflow.golden(id).stream().filter(x -> x.id().equals(body.golden())).findFirst()
                    .orElseThrow(() -> new ApiProblem(404, "Not found", "draft " + id + " has no golden conversation '" + body.golden() + "'"));
            conversation = g.conversation();
        } else if (body.conversationId() != null) {
            // a person's own words: read by a clinical reviewer or an admin only, and audited
            conversation = storedConversation(body, access.require(ConsoleRole.REVIEWER, ConsoleRole.ADMIN));
        } else {
            List<String> messages = body.messages();
            if (messages.isEmpty() || messages.size() > GoldenConversation.MAX_MESSAGES
                    || messages.stream().anyMatch(m -> m == null || m.isBlank() || m.length() > GoldenConversation.MAX_MESSAGE_CHARS)) {
                throw new ApiProblem("'messages' must hold 1 to " + GoldenConversation.MAX_MESSAGES + " messages of 1 to "
                        + GoldenConversation.MAX_MESSAGE_CHARS + " characters");
            }
            conversation = new ContentPreview.Conversation(messages, body.age(), Sex.normalised(body.sex()), body.region(), body.channel());
        }
        return workflow.preview(id, conversation);
    }

    /** A stored conversation's messages, with what it keeps of the person; the reading is audited (by a hash of the id). */
    private ContentPreview.Conversation storedConversation(PreviewRequest body, ConsoleActor actor) {
        String cid = body.conversationId().strip();
        if (!cid.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ApiProblem("'conversationId' must be an id this service gave out");
        }
        ConversationStore.Stored stored = conversations.stored(cid)
                .orElseThrow(() -> new ApiProblem(404, "Not found", "there is no stored conversation with that id (it may have expired or been erased)"));
        audit.record(actor.username(), "preview.conversation-read", "conversation/" + ContentFiles.sha256(cid).substring(0, 16), null, null);
        ConversationStore.Profile p = stored.profile();
        return new ContentPreview.Conversation(stored.userMessages(), body.age() != null ? body.age() : p.age(),
                body.sex() != null ? Sex.normalised(body.sex()) : p.sex(), body.region() != null ? body.region() : p.region(),
                body.channel() != null ? body.channel() : p.channel());
    }

    @GET
    @Path("/drafts/{id}/golden")
    @Operation(summary = "The draft's golden conversations (guardrails/evaluation/golden/*.jsonl)")
    public List<GoldenConversation> golden(@PathParam("id") long id) {
        access.require();
        return workflow.golden(id);
    }

    @PUT
    @Path("/drafts/{id}/golden/{goldenId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a golden conversation to the draft, or change the one with this id (editor, reviewer or admin)")
    public ReleaseWorkflow.DraftView putGolden(@PathParam("id") long id, @PathParam("goldenId") String goldenId, GoldenConversation body) {
        ConsoleActor actor = access.require(ConsoleRole.EDITOR, ConsoleRole.REVIEWER, ConsoleRole.ADMIN);
        if (body == null) {
            throw new ApiProblem("a JSON body is required: the golden conversation");
        }
        if (body.id() != null && !body.id().equals(goldenId)) {
            throw new ApiProblem("the body's 'id' differs from the path's");
        }
        GoldenConversation g = new GoldenConversation(goldenId, body.messages(), body.age(), body.sex() == null ? null : Sex.normalised(body.sex()),
                body.region(), body.channel(), body.level(), body.cite(), body.must(), body.mustNot(), body.note(), actor.username());
        return workflow.putGolden(id, g, actor.username());
    }

    @DELETE
    @Path("/drafts/{id}/golden/{goldenId}")
    @Operation(summary = "Take a golden conversation out of the draft (editor, reviewer or admin)")
    public ReleaseWorkflow.DraftView removeGolden(@PathParam("id") long id, @PathParam("goldenId") String goldenId) {
        ConsoleActor actor = access.require(ConsoleRole.EDITOR, ConsoleRole.REVIEWER, ConsoleRole.ADMIN);
        return workflow.removeGolden(id, goldenId, actor.username());
    }

    @POST
    @Path("/drafts/{id}/approve")
    @Operation(summary = "Approve the draft as it now is (a reviewer or admin who is not its author)")
    public ReleaseWorkflow.DraftView approve(@PathParam("id") long id) {
        ConsoleActor actor = access.require(ConsoleRole.REVIEWER, ConsoleRole.ADMIN);
        return workflow.approve(id, actor.username());
    }

    @POST
    @Path("/drafts/{id}/publish")
    @Operation(summary = "Publish the draft as a new release through the publish gate; 422 with the refusals when it does not pass")
    public Response publish(@PathParam("id") long id) {
        ConsoleActor actor = access.require(ConsoleRole.EDITOR, ConsoleRole.REVIEWER, ConsoleRole.ADMIN);
        return outcome(workflow.publish(id, actor.username()));
    }

    @POST
    @Path("/drafts/{id}/discard")
    public ReleaseWorkflow.DraftView discard(@PathParam("id") long id) {
        ConsoleActor actor = access.require(ConsoleRole.EDITOR, ConsoleRole.REVIEWER, ConsoleRole.ADMIN);
        return workflow.discard(id, actor.username());
    }

    private static String file(Map<String, String> files, String path, String where) {
        String text = files.get(path);
        if (text == null) {
            throw new ApiProblem(404, "Not found", where + " has no file '" + path + "'");
        }
        return text;
    }

    private static Response outcome(ReleaseWorkflow.Published p) {
        return Response.status(p.published() ? 200 : 422).entity(p).build();
    }
}
