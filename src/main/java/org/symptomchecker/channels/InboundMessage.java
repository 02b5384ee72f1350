package org.symptomchecker.channels;

/**
 * A message a messaging platform delivered, after its signature was checked.
 *
 * @param channel    {@code twilio-sms}, {@code twilio-whatsapp}, {@code whatsapp} (Meta Cloud API) or {@code slack}
 * @param deliveryId the platform's id for this delivery (MessageSid, wamid, event_id or an interaction's id): a
 *                   retry carries the same id and is answered once
 * @param sender     the platform's id of the person (phone number, WhatsApp id, Slack user id); never logged or
 *                   stored in clear: conversations are keyed by a keyed hash of channel and sender
 * @param replyTo    where the reply goes on the platform (a phone number, a Slack channel id)
 * @param text       what the person wrote, or the option they picked
 */
public record InboundMessage(String channel, String deliveryId, String sender, String replyTo, String text) {
}
