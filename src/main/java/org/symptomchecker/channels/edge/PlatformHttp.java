package org.symptomchecker.channels.edge;

import org.symptomchecker.channels.ChannelSender.SendFailure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * JSON posts to a platform's API with a bearer token and timeouts. A 429 or 5xx, a timeout or a broken
 * connection is a retryable {@link SendFailure} (with the platform's Retry-After); any other 4xx is permanent.
 */
public final class PlatformHttp {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final String platform;
    private final HttpClient client;

    public PlatformHttp(String platform) {
        this.platform = platform;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What the platform answered with a 2xx status. */
    public record Answer(int status, String body, Duration retryAfter) {
    }

    /** Posts the body as JSON; returns a 2xx answer, else throws the matching {@link SendFailure}. */
    public Answer postJson(String url, String bearerToken, com.fasterxml.jackson.databind.JsonNode body) {
        String json = body.toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + bearerToken)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SendFailure(platform + " could not be reached (" + e.getClass().getSimpleName() + ")", true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure(platform + " send interrupted", true, null);
        }
        int status = response.statusCode();
        Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
        if (status == 429 || status >= 500) {
            throw new SendFailure(platform + " answered " + status, true, retryAfter);
        }
        if (status < 200 || status >= 300) {
            throw new SendFailure(platform + " refused the message with " + status, false, null);
        }
        return new Answer(status, response.body(), retryAfter);
    }

    /** A configured base URL (with or without a trailing slash) and a path starting with a slash. */
    public static String url(String base, String path) {
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    /** A Retry-After header as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(h)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (java.time.DateTimeException notDate) {
                return null;
            }
        }
    }
}
