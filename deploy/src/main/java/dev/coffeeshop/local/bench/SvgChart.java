package dev.coffeeshop.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as a standalone SVG document a browser opens: axes with ticks, one polyline (and, for few points, a
 * marker per point) per series, and a legend. The y axis may be logarithmic, for latencies that span decades.
 */
final class SvgChart {

    static final int WIDTH = 800;
    static final int HEIGHT = 450;
    static final int LEFT = 70;
    static final int RIGHT = 170;
    static final int TOP = 40;
    static final int BOTTOM = 50;

    private static final int MARKERS_UP_TO = 60;

    record Point(double x, double y) {}

    record Series(String name, String color, List<Point> points) {
        Series {
            points = List.copyOf(points);
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logarithmicY;
    private final List<Series> series;

    SvgChart(String title, String xLabel, String yLabel, boolean logarithmicY, List<Series> series) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logarithmicY = logarithmicY;
        this.series = List.copyOf(series);
    }

    String render() {
        List<Point> all = series.stream()
                .flatMap(s -> s.points().stream())
                .filter(p -> !logarithmicY || p.y() > 0)
                .toList();
        double xMax = niceCeiling(all.stream().mapToDouble(Point::x).max().orElse(1));
        double xMin = niceFloor(all.stream().mapToDouble(Point::x).min().orElse(0), xMax);
        double yMax = all.stream().mapToDouble(Point::y).max().orElse(1);
        double yMin = all.stream().mapToDouble(Point::y).min().orElse(1);
        var scale = logarithmicY
                ? new Scale(
                        Math.floor(Math.log10(Math.max(yMin, 1e-3))),
                        Math.max(
                                Math.ceil(Math.log10(Math.max(yMax, 1e-3))),
                                Math.floor(Math.log10(Math.max(yMin, 1e-3))) + 1),
                        xMin,
                        xMax)
                : new Scale(0, niceCeiling(yMax), xMin, xMax);

        var svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        .formatted(WIDTH, HEIGHT, WIDTH, HEIGHT))
                .append("font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(WIDTH / 2.0 - RIGHT / 2.0, 22, "middle", 15, title));
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        svg.append("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n"
                .formatted(LEFT, TOP, plotRight - LEFT, plotBottom - TOP));

        for (double x : ticks(xMin, xMax)) {
            double px = scale.x(x);
            svg.append(line(px, plotBottom, px, TOP, "#eee"));
            svg.append(text(px, plotBottom + 16, "middle", 12, number(x)));
        }
        for (double y : scale.yTicks()) {
            double py = scale.y(y);
            svg.append(line(LEFT, py, plotRight, py, "#eee"));
            svg.append(text(LEFT - 6, py + 4, "end", 12, number(y)));
        }
        svg.append(text((LEFT + plotRight) / 2.0, HEIGHT - 12, "middle", 12, xLabel));
        svg.append(
                "<text x=\"16\" y=\"%s\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 16 %s)\">%s</text>\n"
                        .formatted(fmt((TOP + plotBottom) / 2.0), fmt((TOP + plotBottom) / 2.0), escape(yLabel)));

        int legendY = TOP + 10;
        for (Series s : series) {
            var coordinates = new ArrayList<String>();
            for (Point p : s.points()) {
                if (!logarithmicY || p.y() > 0) {
                    coordinates.add(fmt(scale.x(p.x())) + "," + fmt(scale.y(p.y())));
                }
            }
            svg.append("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n"
                    .formatted(escape(s.color()), String.join(" ", coordinates)));
            if (coordinates.size() <= MARKERS_UP_TO) {
                for (String c : coordinates) {
                    String[] xy = c.split(",");
                    svg.append("<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>\n"
                            .formatted(xy[0], xy[1], escape(s.color())));
                }
            }
            svg.append(line(plotRight + 12, legendY, plotRight + 36, legendY, s.color()));
            svg.append(text(plotRight + 42, legendY + 4, "start", 12, s.name()));
            legendY += 20;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Maps data to the plot area: y from {@code yLow} to {@code yHigh} (decades when logarithmic). */
    private final class Scale {
        private final double yLow;
        private final double yHigh;
        private final double xMin;
        private final double xMax;

        Scale(double yLow, double yHigh, double xMin, double xMax) {
            this.yLow = yLow;
            this.yHigh = yHigh <= yLow ? yLow + 1 : yHigh;
            this.xMin = xMin;
            this.xMax = xMax <= xMin ? xMin + 1 : xMax;
        }

        double x(double x) {
            return LEFT + (x - xMin) / (xMax - xMin) * (WIDTH - RIGHT - LEFT);
        }

        double y(double y) {
            double v = logarithmicY ? Math.log10(y) : y;
            return HEIGHT - BOTTOM - (v - yLow) / (yHigh - yLow) * (HEIGHT - BOTTOM - TOP);
        }

        List<Double> yTicks() {
            if (!logarithmicY) {
                return ticks(yLow, yHigh);
            }
            var ticks = new ArrayList<Double>();
            for (double decade = yLow; decade <= yHigh; decade++) {
                ticks.add(Math.pow(10, decade));
            }
            return ticks;
        }
    }

    /** About five round steps (1, 2 or 5 times a power of ten) from {@code low} to {@code high}. */
    static List<Double> ticks(double low, double high) {
        double step = niceStep((high - low) / 5);
        var ticks = new ArrayList<Double>();
        for (double t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) {
            ticks.add(Math.round(t / step) * step);
        }
        return ticks;
    }

    /** The smallest round number (a multiple of a nice step) at or above {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0 || Double.isNaN(value)) {
            return 1;
        }
        double step = niceStep(value / 5);
        return Math.ceil(value / step - 1e-9) * step;
    }

    /**
     * Zero when {@code value} is within the lowest quarter up to {@code max} (an axis of rates starts at zero), else
     * the round number at or below {@code value} (an axis of time starts where the data does).
     */
    static double niceFloor(double value, double max) {
        if (value <= max / 4 || Double.isNaN(value)) {
            return 0;
        }
        double step = niceStep((max - value) / 5);
        return Math.floor(value / step) * step;
    }

    private static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\"/>\n"
                .formatted(fmt(x1), fmt(y1), fmt(x2), fmt(y2), escape(color));
    }

    private static String text(double x, double y, String anchor, int size, String content) {
        return "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" font-size=\"%d\">%s</text>\n"
                .formatted(fmt(x), fmt(y), anchor, size, escape(content));
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3g", value);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
