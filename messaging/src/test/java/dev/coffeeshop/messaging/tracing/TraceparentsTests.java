package dev.coffeeshop.messaging.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A step run later from a table continues the trace it was asked for in, with a real OpenTelemetry tracer. */
class TraceparentsTests {

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    final Tracer tracer = new OtelTracer(openTelemetry.getTracer("tests"), new OtelCurrentTraceContext(), event -> {});
    final Traceparents traces = Traceparents.of(
            tracer, new OtelPropagator(openTelemetry.getPropagators(), openTelemetry.getTracer("tests")));

    @AfterEach
    void closeTracer() {
        openTelemetry.close();
    }

    @Test
    void continuesTheStoredTraceInASpanOfItsOwnWhoseContextTheWorkSendsOn() {
        // given: the trace context stored while the record's span was current
        Span record = tracer.nextSpan().name("process coffeeshop.intake.orders").start();
        String stored;
        try (var inScope = tracer.withSpan(record)) {
            stored = traces.current();
        } finally {
            record.end();
        }

        // when: the courier works on the row later, on another thread
        String sent = traces.inSpan(stored, "webhook READY", traces::current);

        // then
        SpanData webhook = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("webhook READY"))
                .findFirst()
                .orElseThrow();
        assertThat(webhook.getTraceId()).isEqualTo(record.context().traceId());
        assertThat(webhook.getParentSpanId()).isEqualTo(record.context().spanId());
        assertThat(sent).startsWith("00-" + webhook.getTraceId() + "-" + webhook.getSpanId() + "-");
    }

    @Test
    void storesNothingOutsideASpanAndRunsTheWorkAsItIsWithoutATracer() {
        assertThat(traces.current()).isNull();
        assertThat(Traceparents.none().current()).isNull();
        assertThat(Traceparents.none().inSpan("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "w", () -> 42))
                .isEqualTo(42);
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }
}
