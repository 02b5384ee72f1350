package org.symptomchecker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proxy the hung-database test stands between the application and PostgreSQL, against an echo server. */
class TcpProxyTest {

    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread e = new Thread(() -> echoAll(s));
                    e.setDaemon(true);
                    e.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        proxy = new TcpProxy("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    private static void echoAll(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the client went away
        }
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    }

    private static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    /** The text comes back within 5 s. */
    private static void comesBack(Socket s, String text) throws IOException {
        s.setSoTimeout(5_000);
        byte[] got = s.getInputStream().readNBytes(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    /** Not a byte comes back within half a second, and the connection stays open. */
    private static void nothingComesBack(Socket s) throws IOException {
        s.setSoTimeout(500);
        assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        assertThat(s.isClosed()).isFalse();
    }

    @Test
    void bytesPassBothWays() throws IOException {
        try (Socket s = connect()) {
            write(s, "hello");
            comesBack(s, "hello");
        }
        assertThat(proxy.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void pausedNothingComesBackAndResumedTheHeldBytesArrive() throws IOException {
        try (Socket s = connect()) {
            write(s, "before");
            comesBack(s, "before");

            proxy.pause();
            write(s, "held");
            nothingComesBack(s);

            proxy.resume();
            comesBack(s, "held");
            write(s, "after");
            comesBack(s, "after");
        }
    }

    @Test
    void aConnectionOpenedWhilePausedHangsTooAndCarriesOnWhenResumed() throws IOException {
        proxy.pause();
        try (Socket s = connect()) {
            write(s, "late");
            nothingComesBack(s);

            proxy.resume();
            comesBack(s, "late");
        }
    }

    @Test
    void closeEndsTheConnections() throws IOException {
        try (Socket s = connect()) {
            write(s, "x");
            comesBack(s, "x");
            proxy.pause();
            proxy.close();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }
}
