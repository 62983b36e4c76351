package dev.coffeeshop.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTests {

    @Test
    void takesTheMetricOfASelectorAndNotItsLabels() {
        assertThat(PromQlNames.of("coffeeshop_outbox_backlog_age_seconds{job=\"order-intake\", le=~\"5.0|10.0\"} > 30"))
                .containsExactly("coffeeshop_outbox_backlog_age_seconds");
    }

    @Test
    void skipsFunctionsAggregationsAndTheirLabelLists() {
        String expression = """
                histogram_quantile(0.99,
                  sum by (le, job) (rate(http_server_requests_seconds_bucket{uri!~"/actuator.*"}[5m])))
                / ignoring (le) group_left (uri) max without (instance) (coffeeshop_record_seconds_max)""";

        assertThat(PromQlNames.of(expression))
                .containsExactly("http_server_requests_seconds_bucket", "coffeeshop_record_seconds_max");
    }

    @Test
    void skipsAggregationsWrittenWithTheirGroupingFirst() {
        assertThat(PromQlNames.of("sum without(reason) (coffeeshop_dlq_records_total) and on(job) count(up == 1)"))
                .containsExactly("coffeeshop_dlq_records_total", "up");
    }

    @Test
    void skipsKeywordsNumbersDurationsAndSubqueries() {
        String expression = """
                sum by (job, topic, group) (
                  increase(sum by (job, instance, topic, group) (coffeeshop_dlq_records_total)[10m:1m] offset 1h30m)
                ) > bool 1e3 or vector(0) unless Inf > NaN""";

        assertThat(PromQlNames.of(expression)).containsExactly("coffeeshop_dlq_records_total");
    }

    @Test
    void skipsStringsCommentsAndGrafanaVariables() {
        String expression = """
                # the order's requests
                label_replace(rate(http_server_requests_seconds_count{job=~"$job", uri="/orders"}[$__rate_interval]),
                  "service", "$1", "job", "(not_a_metric)") * on (job) ${scale} """;

        assertThat(PromQlNames.of(expression)).containsExactly("http_server_requests_seconds_count");
    }

    @Test
    void keepsColonsOfRecordedNamesAndEveryDistinctName() {
        assertThat(PromQlNames.of(
                        "job:coffeeshop_orders:rate5m + coffeeshop_orders_ended_total - job:coffeeshop_orders:rate5m"))
                .containsExactly("job:coffeeshop_orders:rate5m", "coffeeshop_orders_ended_total");
    }
}
