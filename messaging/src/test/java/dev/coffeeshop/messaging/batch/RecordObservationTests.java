package dev.coffeeshop.messaging.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.events.OrderTraces;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionOperations;

/** Each consumed record a span of the trace its producer wrote it in, with a real OpenTelemetry tracer. */
class RecordObservationTests {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PRODUCER_SPAN = "00f067aa0ba902b7";

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    final Tracer tracer = new OtelTracer(openTelemetry.getTracer("tests"), new OtelCurrentTraceContext(), event -> {});
    final OtelPropagator propagator =
            new OtelPropagator(openTelemetry.getPropagators(), openTelemetry.getTracer("tests"));
    final ObservationRegistry observations = ObservationRegistry.create();

    {
        // as Spring Boot registers them: the first handler that supports an observation's context takes it
        observations
                .observationConfig()
                .observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                        new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                        new DefaultTracingObservationHandler(tracer)));
    }

    @AfterEach
    void closeTracer() {
        openTelemetry.close();
    }

    @Test
    void handsEachRecordOverInASpanThatContinuesTheTraceOfItsTraceparent() {
        // given: two records of one poll, one written in a traced request, one without trace context
        var seen = new ArrayList<String>();
        var listener = BatchListener.recordByRecord(record -> seen.add(currentTraceparent()))
                .observedBy(observations);

        // when
        listener.accept(batch(
                Map.of(
                        "traceparent",
                        ("00-" + TRACE + "-" + PRODUCER_SPAN + "-01").getBytes(StandardCharsets.UTF_8),
                        "ce_type",
                        "coffeeshop.order.placed.v1".getBytes(StandardCharsets.UTF_8),
                        "ce_subject",
                        "order-1".getBytes(StandardCharsets.UTF_8)),
                Map.of("ce_type", "coffeeshop.order.placed.v1")));

        // then: the first record's span is a child of the producer's, current while the handler ran
        List<SpanData> finished = spans.getFinishedSpanItems();
        assertThat(finished).hasSize(2);
        SpanData traced = finished.getFirst();
        assertThat(traced.getTraceId()).isEqualTo(TRACE);
        assertThat(traced.getParentSpanId()).isEqualTo(PRODUCER_SPAN);
        assertThat(traced.getName()).isEqualTo("process coffeeshop.intake.orders");
        assertThat(traced.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.CONSUMER);
        assertThat(traced.getAttributes().asMap().toString()).contains("order.id=order-1");
        assertThat(seen.getFirst()).isEqualTo("00-" + TRACE + "-" + traced.getSpanId() + "-01");
        // the second starts a trace of its own
        assertThat(finished.get(1).getTraceId()).isNotEqualTo(TRACE);
        assertThat(finished.get(1).getParentSpanContext().isValid()).isFalse();
    }

    @Test
    void observesEachRecordOfABatchAppliedInOneTransaction() {
        // given
        var seen = new ArrayList<String>();
        var listener = BatchListener.inOneTransaction(
                        TransactionOperations.withoutTransaction(), record -> seen.add(currentTraceparent()))
                .observedBy(observations);

        // when
        listener.accept(batch(
                Map.of("traceparent", "00-" + TRACE + "-" + PRODUCER_SPAN + "-01"),
                Map.of("traceparent", "00-" + TRACE.replace('4', '5') + "-" + PRODUCER_SPAN + "-01")));

        // then: each record handled in its own producer's trace
        assertThat(spans.getFinishedSpanItems())
                .extracting(SpanData::getTraceId)
                .containsExactly(TRACE, TRACE.replace('4', '5'));
        assertThat(seen).allSatisfy(traceparent -> assertThat(traceparent).isNotNull());
    }

    @Test
    void coversABatchTheHandlerAppliesTogetherWithASpanPerRecord() {
        // given
        var listener = BatchListener.whole(records -> {}, record -> {}).observedBy(observations);

        // when
        listener.accept(batch(
                Map.of("traceparent", "00-" + TRACE + "-" + PRODUCER_SPAN + "-01"),
                Map.of("traceparent", "00-" + TRACE.replace('4', '5') + "-" + PRODUCER_SPAN + "-01")));

        // then
        assertThat(spans.getFinishedSpanItems())
                .extracting(SpanData::getParentSpanId)
                .containsOnly(PRODUCER_SPAN);
    }

    @Test
    void bindsEachRecordsSpanAsItsOrdersTraceContextWhileTheWholeBatchIsApplied() {
        // given: two orders' records in one poll, applied together
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        var bound = new ArrayList<Optional<String>>();
        var listener = BatchListener.whole(
                        records -> {
                            bound.add(OrderTraces.of(first));
                            bound.add(OrderTraces.of(second));
                        },
                        record -> {})
                .observedBy(observations);

        // when
        listener.accept(batch(
                Map.of("traceparent", "00-" + TRACE + "-" + PRODUCER_SPAN + "-01", "ce_subject", first.toString()),
                Map.of(
                        "traceparent",
                        "00-" + TRACE.replace('4', '5') + "-" + PRODUCER_SPAN + "-01",
                        "ce_subject",
                        second.toString())));

        // then: each order's work continues its own record's span, and nothing stays bound afterwards
        List<SpanData> finished = spans.getFinishedSpanItems();
        assertThat(bound)
                .containsExactly(
                        Optional.of("00-" + TRACE + "-" + finished.get(0).getSpanId() + "-01"),
                        Optional.of("00-" + TRACE.replace('4', '5') + "-"
                                + finished.get(1).getSpanId() + "-01"));
        assertThat(OrderTraces.of(first)).isEmpty();
    }

    @Test
    void observesNothingWithoutARegistry() {
        // given
        var listener = BatchListener.recordByRecord(record -> {});

        // when
        listener.accept(batch(Map.of("traceparent", "00-" + TRACE + "-" + PRODUCER_SPAN + "-01")));

        // then
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    /** The W3C trace context the propagator would send on from inside the handler. */
    private String currentTraceparent() {
        var current = tracer.currentTraceContext().context();
        if (current == null) {
            return null;
        }
        var headers = new java.util.HashMap<String, String>();
        propagator.inject(current, headers, Map::put);
        return headers.get("traceparent");
    }

    @SafeVarargs
    private static Message<?> batch(Map<String, ?>... headers) {
        var values = new ArrayList<String>();
        var topics = new ArrayList<String>();
        for (int i = 0; i < headers.length; i++) {
            values.add("record-" + i);
            topics.add("coffeeshop.intake.orders");
        }
        return MessageBuilder.withPayload(values)
                .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.of(headers))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, topics)
                .build();
    }
}
