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
import org.symptomchecker.api.ApiProblem;
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

    public ContentReleasesResource(ConsoleAccess access, ContentStore releases, DraftStore drafts, ReleaseWorkflow workflow) {
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
