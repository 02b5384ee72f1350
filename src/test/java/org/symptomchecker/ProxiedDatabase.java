package org.symptomchecker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * Puts a {@link TcpProxy} between the test application and its PostgreSQL, so a test can make the database
 * hang ({@link #proxy()}{@code .pause()}) without closing a connection. The JDBC URL keeps everything but
 * the host and port (the run's schema parameters stay). Under H2 it does nothing: {@link #POSTGRES} tells a
 * test whether it can run.
 */
public class ProxiedDatabase implements QuarkusTestResourceLifecycleManager {

    static final String URL_KEY = "quarkus.datasource.jdbc.url";
    private static final String PREFIX = "jdbc:postgresql://";
    /** Why a test of a hung database is skipped on H2. */
    public static final String NEEDS_POSTGRES = "needs PostgreSQL: run mvn -B test -Ppostgres";
    /** A pattern for the URL the postgres Maven profile sets (for @EnabledIfSystemProperty). */
    public static final String POSTGRES = "jdbc:postgresql:.*";

    private static volatile TcpProxy current;
    private String previousUrl;

    /** The proxy in front of the running test application's database (null under H2). */
    public static TcpProxy proxy() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        String url = System.getProperty(URL_KEY, "");
        if (!url.startsWith(PREFIX)) {
            return Map.of();
        }
        URI target = URI.create(url.substring("jdbc:".length()));
        try {
            current = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String proxied = PREFIX + "127.0.0.1:" + current.port() + target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        // the postgres Maven profile sets the URL as a system property, which outranks this map: replace it
        // for this application's life
        previousUrl = url;
        System.setProperty(URL_KEY, proxied);
        return Map.of(URL_KEY, proxied);
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
        if (previousUrl != null) {
            System.setProperty(URL_KEY, previousUrl);
        }
    }
}
