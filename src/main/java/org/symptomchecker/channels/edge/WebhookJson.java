package org.symptomchecker.channels.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** A verified webhook body read as a JSON object; anything else is a 400 problem. */
public final class WebhookJson {

    private WebhookJson() {
    }

    public static JsonNode object(ObjectMapper json, byte[] raw) {
        JsonNode root;
        try {
            root = json.readTree(raw);
        } catch (IOException e) {
            throw WebhookSignature.malformed("the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw WebhookSignature.malformed("the body is not a JSON object");
        }
        return root;
    }
}
