package org.symptomchecker.channels;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link ChannelsProfile}'s settings on an instance that acknowledges and queues but never sends
 * ({@code symptom.channels.outbox-interval=off}). Its name sorts before ChannelsProfile's, so Quarkus starts it
 * first; the ChannelsProfile start that follows, on the same data folder and database, is the restart.
 */
public class ChannelsAckOnlyProfile extends ChannelsProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("symptom.channels.outbox-interval", "off");
        return overrides;
    }
}
