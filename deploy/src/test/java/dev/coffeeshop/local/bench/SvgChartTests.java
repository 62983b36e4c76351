package dev.coffeeshop.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgChartTests {

    @Test
    void drawsOnePolylineAndOneLegendEntryPerSeries() {
        // given
        var chart = new SvgChart(
                "Orders per second",
                "seconds",
                "orders/s",
                false,
                List.of(
                        new SvgChart.Series(
                                "offered", "#1f77b4", List.of(new SvgChart.Point(0, 0), new SvgChart.Point(10, 100))),
                        new SvgChart.Series(
                                "completed",
                                "#2ca02c",
                                List.of(new SvgChart.Point(0, 0), new SvgChart.Point(10, 90)))));

        // when
        String svg = chart.render();

        // then
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n");
        assertThat(count(svg, "<polyline")).isEqualTo(2);
        assertThat(svg).contains(">offered</text>", ">completed</text>", ">Orders per second</text>");
        assertThat(svg).contains(">seconds</text>", ">orders/s</text>");
    }

    @Test
    void placesTheOriginAtTheBottomLeftAndTheLargestValueAtTheTop() {
        // given x up to 10, y up to 100: both are round already, so they are the axes' ends
        var chart = new SvgChart(
                "t",
                "x",
                "y",
                false,
                List.of(new SvgChart.Series(
                        "s", "red", List.of(new SvgChart.Point(0, 0), new SvgChart.Point(10, 100)))));

        // when
        String svg = chart.render();

        // then
        double left = SvgChart.LEFT;
        double right = SvgChart.WIDTH - SvgChart.RIGHT;
        double bottom = SvgChart.HEIGHT - SvgChart.BOTTOM;
        assertThat(svg)
                .contains("points=\"%.1f,%.1f %.1f,%.1f\"".formatted(left, bottom, right, (double) SvgChart.TOP));
    }

    @Test
    void labelsALogarithmicAxisByDecades() {
        // given latencies from 3 ms to 2 s
        var chart = new SvgChart(
                "latency",
                "offered",
                "ms",
                true,
                List.of(new SvgChart.Series(
                        "p99", "red", List.of(new SvgChart.Point(100, 3), new SvgChart.Point(400, 2000)))));

        // when
        String svg = chart.render();

        // then
        assertThat(svg).contains(">1</text>", ">10</text>", ">100</text>", ">1000</text>", ">10000</text>");
    }

    @Test
    void escapesTextThatWouldBreakTheDocument() {
        // given
        var chart = new SvgChart("p99 < 50 ms & rising", "x", "y", false, List.of());

        // when
        String svg = chart.render();

        // then
        assertThat(svg).contains("p99 &lt; 50 ms &amp; rising").doesNotContain("< 50");
    }

    @Test
    void picksRoundTicks() {
        // when
        List<Double> ticks = SvgChart.ticks(0, 740);

        // then
        assertThat(ticks).containsExactly(0.0, 200.0, 400.0, 600.0);
        assertThat(SvgChart.niceCeiling(740)).isEqualTo(800.0);
        assertThat(SvgChart.niceCeiling(100)).isEqualTo(100.0);
    }

    @Test
    void startsATimeAxisWhereTheDataStartsAndARateAxisAtZero() {
        // when / then
        assertThat(SvgChart.niceFloor(103.7, 200)).isEqualTo(100.0);
        assertThat(SvgChart.niceFloor(40, 500)).isEqualTo(0.0);
    }

    private static int count(String text, String part) {
        return (int)
                Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }
}
