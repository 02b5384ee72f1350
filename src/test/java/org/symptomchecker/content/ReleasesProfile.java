package org.symptomchecker.content;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The service as in production: content from the published release, a publish seen within a second. */
public class ReleasesProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("symptom.content.source", "releases", "symptom.content.poll-interval", "1s");
    }
}
