package org.symptomchecker.content;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Content other than the release being served, for one thread's work: a console preview or an evaluation runs the
 * real triage, interview and answer code on a draft's files. While a lens is on ({@link #run}), every reader of content
 * ({@code Guardrails}, {@code ReplyTemplates}, the extractive answerer) serves what it reads from the lens's folders,
 * made once per lens; everything else (the conversation store, the corpus index) is the service's own.
 * <p>
 * A lens is never on for a person's chat turn: those read the served release only.
 */
public final class ContentLens {

    private static final ThreadLocal<ContentLens> CURRENT = new ThreadLocal<>();

    private final ActiveContent.Folders folders;
    private final Map<Object, Object> views = new HashMap<>();

    private ContentLens(ActiveContent.Folders folders) {
        this.folders = folders;
    }

    /** A lens on these folders. */
    public static ContentLens of(ActiveContent.Folders folders) {
        return new ContentLens(folders);
    }

    public ActiveContent.Folders folders() {
        return folders;
    }

    /** The lens on for this thread, or null. */
    public static ContentLens current() {
        return CURRENT.get();
    }

    /** Runs {@code work} on this thread with the lens on (a lens already on is put back after). */
    public <T> T run(Supplier<T> work) {
        ContentLens before = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** Runs {@code work} with {@code lens} on, or as it is when {@code lens} is null. */
    public static <T> T runWith(ContentLens lens, Supplier<T> work) {
        return lens == null ? work.get() : lens.run(work);
    }

    /**
     * What a reader serves: with no lens on, {@code served}; with one on, the reader's view of the lens's folders, made
     * by {@code read} the first time this reader ({@code key}) asks for it. A view that cannot be read fails the
     * work run under the lens, never the service.
     */
    @SuppressWarnings("unchecked")
    public static <T> T view(Object key, T served, Function<ActiveContent.Folders, T> read) {
        ContentLens lens = CURRENT.get();
        if (lens == null) {
            return served;
        }
        synchronized (lens.views) {
            Object made = lens.views.get(key);
            if (made == null) {
                made = read.apply(lens.folders);
                lens.views.put(key, made);
            }
            return (T) made;
        }
    }
}
