package dev.coffeeshop.local.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite's (and the bench's) way into one service's staff endpoints ({@code /staff/**}, with an access token of
 * the operators' client): what the service shows about itself is all the suite reads of it, never its database.
 */
public final class StaffClient {

    /** The largest page the ledgers give. */
    static final int PAGE = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String service;
    private final URI baseUrl;
    private final Supplier<String> authorization;
    private final HttpClient http;

    /** {@code authorization} gives the {@code Authorization} header, e.g. {@code AccessTokens::header}. */
    public StaffClient(String service, URI baseUrl, Supplier<String> authorization, HttpClient http) {
        this.service = service;
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.http = http;
    }

    /** The JSON a staff endpoint answers with 200. */
    public JsonNode get(String pathAndQuery) {
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery))
                            .header("Authorization", authorization.get())
                            .header("Accept", "application/json")
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StaffUnavailable(service + " did not answer " + pathAndQuery + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new StaffUnavailable(
                    service + " answered " + pathAndQuery + " with " + response.statusCode() + ": " + response.body(),
                    null);
        }
        return JSON.readTree(response.body());
    }

    /** Every entry of a ledger since {@code since}, in the ledger's order, walking its pages to the last. */
    public List<JsonNode> ledger(String path, Instant since) {
        var entries = new ArrayList<JsonNode>();
        String after = null;
        do {
            JsonNode page = get(path + "?since=" + encode(since.toString()) + "&limit=" + PAGE
                    + (after == null ? "" : "&after=" + encode(after)));
            page.path("entries").forEach(entries::add);
            JsonNode next = page.path("next");
            after = next.isString() ? next.asString() : null;
        } while (after != null);
        return entries;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A service that could not be read just now: down, restarting, or answering with an error. */
    public static final class StaffUnavailable extends RuntimeException {
        StaffUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
