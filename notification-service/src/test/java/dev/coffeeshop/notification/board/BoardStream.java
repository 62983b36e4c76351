package dev.coffeeshop.notification.board;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A test's screen: follows {@code /board/events} the way a browser's EventSource does and keeps what it was sent. */
final class BoardStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Thread reader;
    private volatile InputStream body;

    /** One server-sent event: its id and its JSON data. */
    record Event(long id, JsonNode data) {

        String type() {
            return data.get("type").asString();
        }

        String order() {
            return data.get("order").asString();
        }

        String status() {
            return data.get("status").asString();
        }

        String name() {
            return data.get("name").asString();
        }
    }

    private BoardStream(int port, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/board/events"))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        reader = Thread.ofVirtual().start(() -> read(request.build()));
    }

    static BoardStream follow(int port) {
        return new BoardStream(port, null);
    }

    static BoardStream resume(int port, long lastEventId) {
        return new BoardStream(port, Long.toString(lastEventId));
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<Event> changesOf(String order) {
        return events.stream()
                .filter(event -> event.type().equals("change") && event.order().equals(order))
                .toList();
    }

    long lastEventId() {
        return events.getLast().id();
    }

    private void read(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(Long.parseLong(id), JSON.readTree(data.toString())));
                    }
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (Exception e) {
            // the stream was closed by the test or the server
        }
    }

    @Override
    public void close() throws Exception {
        InputStream stream = body;
        if (stream != null) {
            stream.close();
        }
        reader.interrupt();
        http.shutdownNow();
    }
}
