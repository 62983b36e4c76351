package dev.coffeeshop.local.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * After the demo, each order that was made or refunded read back from the trace viewer (Zipkin's API): one trace with
 * the spans of all three services, each consumer's span a child of a span of the same trace (so nothing started a
 * trace of its own on the way), the barista's a child of order-intake's, and for a refunded order the refund's span
 * ({@code payment refund}, run later from the cashier's table) in it too. Spans reach the viewer in batches every few
 * seconds, so it asks again for a while before it gives up on an order.
 */
final class TraceCheck {

    static final List<String> SERVICES = List.of("order-intake", "barista-worker", "notification-service");

    private static final JsonMapper json = JsonMapper.builder().build();

    private final URI viewer;
    private final HttpClient http;
    private final PrintStream out;
    private final boolean webhooks;

    /** {@code webhooks}: the orders named a callback, so each trace must also hold a webhook delivery's span. */
    TraceCheck(URI viewer, HttpClient http, PrintStream out, boolean webhooks) {
        this.viewer = viewer;
        this.http = http;
        this.out = out;
        this.webhooks = webhooks;
    }

    /** One order's trace as the viewer shows it, or why it is not whole. */
    record Verdict(String orderId, String traceId, String problem) {

        boolean whole() {
            return problem == null;
        }
    }

    /**
     * Checks every order of {@code made} and {@code refunded}; true when each has its one whole trace, with the
     * refund's span for those refunded.
     */
    boolean check(List<String> made, List<String> refunded, Duration patience) throws InterruptedException {
        var orderIds = new ArrayList<String>(made);
        orderIds.addAll(refunded);
        if (orderIds.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + patience.toNanos();
        var verdicts = new LinkedHashMap<String, Verdict>();
        while (true) {
            for (String order : orderIds) {
                Verdict known = verdicts.get(order);
                if (known == null || !known.whole()) {
                    verdicts.put(order, verdict(order, refunded.contains(order)));
                }
            }
            if (verdicts.values().stream().allMatch(Verdict::whole) || System.nanoTime() > deadline) {
                break;
            }
            // spans are exported every few seconds: ask again a little later
            Thread.sleep(1000);
        }
        long whole = verdicts.values().stream().filter(Verdict::whole).count();
        out.printf(
                "Traces: %d of %d orders made or refunded traced end to end through %s%s, one trace each%n",
                whole, orderIds.size(), String.join(", ", SERVICES), webhooks ? " and their webhooks" : "");
        verdicts.values().stream()
                .filter(Verdict::whole)
                .findFirst()
                .ifPresent(v -> out.println("  e.g. " + viewer.resolve("/zipkin/traces/" + v.traceId())));
        verdicts.values().stream()
                .filter(v -> !v.whole())
                .forEach(v -> out.println("  " + v.orderId() + ": " + v.problem()));
        return whole == orderIds.size();
    }

    Verdict verdict(String orderId, boolean refunded) {
        JsonNode traces;
        try {
            traces = json.readTree(get("/api/v2/traces?limit=10&lookback=3600000&annotationQuery="
                    + URLEncoder.encode("order.id=" + orderId, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return new Verdict(orderId, null, "the trace viewer did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(orderId, null, "interrupted");
        }
        if (traces.size() != 1) {
            return new Verdict(orderId, null, traces.size() + " traces carry this order's id, not one");
        }
        return judge(orderId, traces.get(0), webhooks, refunded);
    }

    /**
     * The spans of one trace, judged: every service there, every parent in the trace, the barista's from the cashier,
     * with {@code webhooks} a delivery's span ({@code webhook <kind>}) of the notification service, and with
     * {@code refunded} the cashier's void or refund ({@code payment void}, {@code payment refund}) inside the trace.
     */
    static Verdict judge(String orderId, JsonNode spans, boolean webhooks, boolean refunded) {
        String traceId = spans.get(0).path("traceId").asString();
        Map<String, String> serviceOf = new HashMap<>();
        Set<String> services = new TreeSet<>();
        for (JsonNode span : spans) {
            String service = span.path("localEndpoint").path("serviceName").asString();
            serviceOf.put(span.path("id").asString(), service);
            services.add(service);
        }
        var missing = SERVICES.stream().filter(s -> !services.contains(s)).toList();
        if (!missing.isEmpty()) {
            return new Verdict(
                    orderId, traceId, "no span of " + String.join(", ", missing) + " yet (has " + services + ")");
        }
        boolean baristaFromCashier = false;
        boolean delivered = false;
        boolean refundInTrace = false;
        for (JsonNode span : spans) {
            String name = span.path("name").asString();
            boolean parentInTrace = serviceOf.containsKey(span.path("parentId").asString(""));
            if (name.startsWith("webhook ") && parentInTrace) {
                delivered = true;
            }
            if ((name.equals("payment void") || name.equals("payment refund")) && parentInTrace) {
                refundInTrace = true;
            }
            if (!name.startsWith("process ")) {
                continue;
            }
            String parent = span.path("parentId").asString("");
            if (!serviceOf.containsKey(parent)) {
                return new Verdict(
                        orderId,
                        traceId,
                        span.path("name").asString() + " in "
                                + serviceOf.get(span.path("id").asString()) + " has no parent in the trace");
            }
            if ("barista-worker".equals(serviceOf.get(span.path("id").asString()))
                    && "order-intake".equals(serviceOf.get(parent))) {
                baristaFromCashier = true;
            }
        }
        if (!baristaFromCashier) {
            return new Verdict(orderId, traceId, "no barista span is a child of an order-intake span");
        }
        if (webhooks && !delivered) {
            return new Verdict(orderId, traceId, "no webhook delivery's span in the trace yet");
        }
        if (refunded && !refundInTrace) {
            return new Verdict(orderId, traceId, "no span of the payment's void or refund in the trace yet");
        }
        return new Verdict(orderId, traceId, null);
    }

    private String get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(viewer.resolve(pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }
}
