package org.symptomchecker.channels;

/**
 * Where every platform's verified deliveries go: deduplicated on the delivery id (a unique insert, so two
 * instances on one database take it once), answered through the chat service, and the reply queued in the
 * transactional outbox for the platform's {@link ChannelSender}.
 */
public interface ChannelInbox {

    /** True when the delivery was taken now; false when its id was taken before (a retry): nothing more is done. */
    boolean accept(InboundMessage message);
}
