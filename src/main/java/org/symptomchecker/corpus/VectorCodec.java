package org.symptomchecker.corpus;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Embeddings as stored in the database: little-endian 32-bit floats. */
public final class VectorCodec {

    private VectorCodec() {
    }

    public static byte[] encode(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        return buf.array();
    }

    public static float[] decode(byte[] bytes) {
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
