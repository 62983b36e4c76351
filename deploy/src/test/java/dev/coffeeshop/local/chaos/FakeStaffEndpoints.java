package dev.coffeeshop.local.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's staff endpoints as the suite expects them, on a local HTTP server: a document at a path, or a ledger
 * answered in pages ({@code since}, {@code after}, {@code limit}; entries plus {@code next}; any path asked with a
 * query is a ledger, empty until entries are added), each only with a staff bearer token. Ledger entries carry the instant they are filtered by under {@code at}, and the server records every query.
 */
final class FakeStaffEndpoints implements AutoCloseable {

    static final String TOKEN = "staff-fake-token";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, Object> documents = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, Object>>> ledgers = new ConcurrentHashMap<>();
    final List<String> queries = new CopyOnWriteArrayList<>();

    FakeStaffEndpoints() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void document(String path, String json) {
        documents.put(path, JSON.readTree(json));
    }

    /** Adds an entry to the ledger at {@code path}; its {@code at} is what {@code since} is compared with. */
    void entry(String path, Instant at, Map<String, Object> fields) {
        var entry = new LinkedHashMap<String, Object>(fields);
        entry.put("at", at.toString());
        ledgers.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(entry);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        queries.add(exchange.getRequestURI().toString());
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, Map.of("status", 401));
        } else if (documents.containsKey(path)) {
            send(exchange, 200, documents.get(path));
        } else if (exchange.getRequestURI().getRawQuery() != null) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Instant since = Instant.parse(query.get("since"));
            int after = query.containsKey("after") ? Integer.parseInt(query.get("after")) : -1;
            int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            var page = new ArrayList<Map<String, Object>>();
            List<Map<String, Object>> all = ledgers.getOrDefault(path, List.of());
            int last = after;
            for (int i = after + 1; i < all.size() && page.size() < limit; i++) {
                if (!Instant.parse((String) all.get(i).get("at")).isBefore(since)) {
                    page.add(all.get(i));
                }
                last = i;
            }
            var body = new HashMap<String, Object>();
            body.put("entries", page);
            body.put("next", last + 1 < all.size() ? Integer.toString(last) : null);
            send(exchange, 200, body);
        } else {
            send(exchange, 404, Map.of("status", 404));
        }
    }

    private static Map<String, String> query(String raw) {
        var query = new HashMap<String, String>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
