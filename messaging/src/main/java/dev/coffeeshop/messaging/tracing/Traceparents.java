package dev.coffeeshop.messaging.tracing;

import dev.coffeeshop.events.OrderTraces;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The W3C trace context ({@code traceparent}) of a step that runs later from a table, outside the span that asked for
 * it: stored with the row while that span is current, and continued as the parent of the step's own span when the row
 * is worked on (a webhook delivery, docs/observability.md). Without a tracer, nothing is stored and nothing traced.
 */
public final class Traceparents {

    /** The header, and the column, that hold it. */
    public static final String TRACEPARENT = "traceparent";

    private final @Nullable Tracer tracer;
    private final @Nullable Propagator propagator;

    private Traceparents(@Nullable Tracer tracer, @Nullable Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The application's tracer, if it traces. */
    public static Traceparents of(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new Traceparents(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    public static Traceparents of(Tracer tracer, Propagator propagator) {
        return new Traceparents(tracer, propagator);
    }

    /** No tracing: nothing stored, the work run as it is. */
    public static Traceparents none() {
        return new Traceparents(null, null);
    }

    /** The current span's {@code traceparent}; null outside of one, or without tracing. */
    public @Nullable String current() {
        if (tracer == null || propagator == null) {
            return null;
        }
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        var headers = new HashMap<String, String>();
        propagator.inject(context, headers, Map::put);
        return headers.get(TRACEPARENT);
    }

    /**
     * The trace context {@code orderId}'s work continues: the one bound for it where several orders are handled
     * together ({@link OrderTraces}), else the current span's; null without either.
     */
    public @Nullable String forOrder(UUID orderId) {
        return OrderTraces.of(orderId).orElseGet(this::current);
    }

    /**
     * {@code context} as a W3C {@code traceparent}: version 00, trace id, span id, and the sampled flag, as the
     * propagator writes it.
     */
    public static String format(TraceContext context) {
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    /**
     * Runs {@code work} in a new span named {@code name}, a child of the stored {@code traceparent} (or the root of a
     * trace of its own without one), current while it runs; what {@code work} calls over HTTP with an observed client
     * is then a child of it.
     */
    public <T> T inSpan(@Nullable String traceparent, String name, Supplier<T> work) {
        if (tracer == null || propagator == null) {
            return work.get();
        }
        Span span = (traceparent == null
                        ? tracer.spanBuilder().setNoParent()
                        : propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get))
                .name(name)
                .start();
        try (var inScope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
