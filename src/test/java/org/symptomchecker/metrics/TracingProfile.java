package org.symptomchecker.metrics;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** Tracing on, exported over OTLP http/protobuf to {@link OtlpReceiver}. */
public class TracingProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OtlpReceiver.class));
    }
}
