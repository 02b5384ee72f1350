package org.symptomchecker.api;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.symptomchecker.SymptomConfig;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Holds symptom.http.max-body-bytes on the bytes a body reader actually takes, whatever the client
 * declared: a body sent in chunks (no Content-Length) is counted as it is read, and the first byte past
 * the limit ends the read with the same 413 problem as a Content-Length over the limit.
 */
@Provider
public class BodySizeInterceptor implements ReaderInterceptor {

    /** Looked up per read: the REST layer creates its providers before the configuration is available. */
    private final jakarta.inject.Provider<SymptomConfig> config;

    private final jakarta.inject.Provider<io.quarkus.vertx.http.runtime.CurrentVertxRequest> request;

    public BodySizeInterceptor(jakarta.inject.Provider<SymptomConfig> config,
                               jakarta.inject.Provider<io.quarkus.vertx.http.runtime.CurrentVertxRequest> request) {
        this.config = config;
        this.request = request;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        var current = request.get().getCurrent();
        String path = current == null ? null : current.request().path();
        context.setInputStream(new Counted(context.getInputStream(), config.get().http().maxBodyBytes(path)));
        return context.proceed();
    }

    /** A stream that refuses to give more than {@code max} bytes. */
    static final class Counted extends FilterInputStream {

        private final long max;
        private long read;

        Counted(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false; // a reset would let bytes be counted twice
        }

        private void count(long n) {
            read += n;
            if (read > max) {
                throw BodySizeFilter.tooLarge(max);
            }
        }
    }
}
