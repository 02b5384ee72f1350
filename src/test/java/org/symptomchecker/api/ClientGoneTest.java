package org.symptomchecker.api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that gives up and closes its connection while its request's body is still being sent (a load generator's
 * timeout, a phone losing its signal) is not the service's failure: no error line, no 500.
 */
@QuarkusTest
class ClientGoneTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void aBodyCutShortByTheClientIsNotAnError() throws Exception {
        ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLoggerName() != null && r.getLoggerName().startsWith("org.symptomchecker")) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        try {
            for (int i = 0; i < 3; i++) {
                try (Socket socket = new Socket(root.getHost(), root.getPort())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /api/v1/chat HTTP/1.1\r\nHost: " + root.getHost() + ":" + root.getPort()
                            + "\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"message\":\"my head")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(300); // the request reaches its reader, which waits for the rest of the body
                }
            }
            long end = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < end && records.stream().noneMatch(ClientGoneTest::clientGoneLine)) {
                Thread.sleep(100);
            }
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        List<LogRecord> seen = List.copyOf(records);
        assertThat(seen).as("the cut-short body was noticed").anyMatch(ClientGoneTest::clientGoneLine);
        assertThat(seen).as("and not logged as the service's failure")
                .noneMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue() && String.valueOf(r.getMessage()).contains("unexpected failure"));
    }

    private static boolean clientGoneLine(LogRecord r) {
        return String.valueOf(r.getMessage()).contains("closed its connection before its request's body was read");
    }
}
