package org.symptomchecker.chat;

/** A message from a person; all but {@code message} are optional. */
public record ChatRequest(String conversationId, String message, Integer age, String sex, String channel) {
}
