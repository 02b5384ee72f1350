package org.symptomchecker.metrics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the span names out of an OTLP ExportTraceServiceRequest in protobuf: resource_spans (1) → scope_spans (2) →
 * spans (2) → name (5). Only the protobuf wire format, no generated classes.
 */
final class OtlpSpans {

    private OtlpSpans() {
    }

    static List<String> names(byte[] request) {
        List<String> names = new ArrayList<>();
        for (byte[] resourceSpans : fields(request, 1)) {
            for (byte[] scopeSpans : fields(resourceSpans, 2)) {
                for (byte[] span : fields(scopeSpans, 2)) {
                    fields(span, 5).forEach(n -> names.add(new String(n, StandardCharsets.UTF_8)));
                }
            }
        }
        return names;
    }

    /** The length-delimited fields numbered {@code number} of a message; other fields are skipped. */
    private static List<byte[]> fields(byte[] message, int number) {
        List<byte[]> out = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long key = varint(message, at);
            int type = (int) (key & 7);
            switch (type) {
                case 0 -> varint(message, at);
                case 1 -> at[0] += 8;
                case 5 -> at[0] += 4;
                case 2 -> {
                    int length = (int) varint(message, at);
                    if (key >>> 3 == number) {
                        byte[] field = new byte[length];
                        System.arraycopy(message, at[0], field, 0, length);
                        out.add(field);
                    }
                    at[0] += length;
                }
                default -> throw new IllegalArgumentException("unexpected protobuf wire type " + type);
            }
        }
        return out;
    }

    private static long varint(byte[] b, int[] at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte next = b[at[0]++];
            value |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
    }
}
