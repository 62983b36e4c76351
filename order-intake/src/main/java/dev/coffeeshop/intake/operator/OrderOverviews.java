package dev.coffeeshop.intake.operator;

import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.intake.ordering.OrderNotFoundException;
import dev.coffeeshop.messaging.staff.OrderTimeline;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * One order as every service recorded it, for the operator's order page: the cashier's own records, and what the
 * baristas and the pickup counter answer, asked at the same time with the staff member's token and merged in time
 * order. A service that is down, slow or refuses gives a part that says so; the page is never failed for it.
 */
@Service
public class OrderOverviews {

    /** The order as the cashier holds it now; {@code owner} is the subject it was placed by. */
    public record Order(
            UUID id,
            String customerName,
            @Nullable String owner,
            String status,
            String payment,
            List<LineItem> items,
            long totalCents,
            String currency,
            Instant placedAt,
            Instant deadline) {}

    /** How a service's part went. */
    public enum Answer {
        ANSWERED,
        /** The service has nothing about the order (yet): the events may still be on their way. */
        NOTHING_RECORDED,
        /** It refused the staff member's token. */
        REFUSED,
        /** Down, too slow, or an answer that could not be read. */
        UNAVAILABLE
    }

    /** One service's part of the page: how it answered, how many entries it gave, and what to tell the reader. */
    public record Part(
            String service,
            Answer answer,
            int entries,
            @Nullable String message) {}

    /** The page: the order, every service's entries in time order, each service's part, and the trace link. */
    public record Overview(
            Order order,
            List<OrderTimeline.Entry> entries,
            List<Part> parts,
            @Nullable String trace) {}

    private final CashierRecords cashier;
    private final ServiceTimelines services;
    private final OperatorProperties properties;
    private final Clock clock;
    // the calls run beside each other on virtual threads, carrying the request's trace context
    private final ExecutorService calls = ContextExecutorService.wrap(
            Executors.newVirtualThreadPerTaskExecutor(),
            ContextSnapshotFactory.builder().build());

    OrderOverviews(CashierRecords cashier, ServiceTimelines services, OperatorProperties properties, Clock clock) {
        this.cashier = cashier;
        this.services = services;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What the cashier recorded about the order.
     *
     * @throws OrderNotFoundException when the cashier never took it
     */
    public OrderTimeline cashiersTimeline(UUID orderId) {
        return new OrderTimeline(
                orderId, CashierRecords.SERVICE, cashier.of(orderId).entries());
    }

    /**
     * The order as every service recorded it; the others are asked with {@code authorization}, the staff member's
     * own {@code Authorization} header.
     *
     * @throws OrderNotFoundException when the cashier never took it: then no other service is asked
     */
    public Overview of(UUID orderId, String authorization) {
        CashierRecords.Recorded own = cashier.of(orderId);
        var asked = services.sources().stream()
                .map(source -> CompletableFuture.supplyAsync(
                                () -> services.fetch(source, orderId, authorization), calls)
                        // the HTTP client's own timeouts come first; this bounds a body that trickles in
                        .completeOnTimeout(
                                services.timedOut(source), services.timeout().toMillis() * 2, TimeUnit.MILLISECONDS))
                .toList();
        var entries = new ArrayList<>(own.entries());
        var parts = new ArrayList<Part>();
        parts.add(
                new Part(CashierRecords.SERVICE, Answer.ANSWERED, own.entries().size(), null));
        for (var call : asked) {
            ServiceTimelines.Fetched fetched = call.join();
            parts.add(fetched.part());
            entries.addAll(fetched.entries());
        }
        // stable: each service's entries keep their own order where two share an instant
        entries.sort(Comparator.comparing(OrderTimeline.Entry::at));
        return new Overview(
                own.order(), List.copyOf(entries), List.copyOf(parts), properties.traceOf(orderId, clock.instant()));
    }

    @PreDestroy
    void close() {
        calls.shutdownNow();
    }
}
