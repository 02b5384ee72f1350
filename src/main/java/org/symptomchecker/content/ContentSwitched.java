package org.symptomchecker.content;

/** A newly published release is in use: readers of prompts and guardrails read their files again from {@code now}. */
public record ContentSwitched(ActiveContent.Folders before, ActiveContent.Folders now) {
}
