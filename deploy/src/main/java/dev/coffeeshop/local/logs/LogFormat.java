package dev.coffeeshop.local.logs;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A log line as a person reads it: one line of time, service, level, the order and trace it belongs to (their first
 * eight characters, enough to tell them apart and to paste into {@code --order}), the logger's simple name and the
 * message; an error's stack trace follows, indented, one frame a line.
 */
public final class LogFormat {

    static final int SHORT_ID = 8;

    private final DateTimeFormatter time;

    public LogFormat(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
    }

    public String format(LogLine line) {
        String when = line.time().map(time::format).orElse(" ".repeat(12));
        if (!line.json()) {
            return "%s %-20s %s".formatted(when, line.service(), line.message());
        }
        var text = new StringBuilder();
        text.append(when)
                .append(' ')
                .append("%-20s".formatted(line.service()))
                .append(' ')
                .append("%-5s".formatted(line.level()));
        if (!line.orderId().isEmpty()) {
            text.append(" order=").append(shortId(line.orderId()));
        }
        if (!line.traceId().isEmpty()) {
            text.append(" trace=").append(shortId(line.traceId()));
        }
        // a message of several lines (a Kafka client's settings, say) stays under its line, indented
        text.append(' ')
                .append(simpleName(line.logger()))
                .append(": ")
                .append(line.message().strip().replaceAll("[ \\t]*\\R", System.lineSeparator() + "    "));
        if (!line.stackTrace().isEmpty()) {
            for (String frame : line.stackTrace().strip().split("\\R")) {
                text.append(System.lineSeparator()).append("    ").append(frame.strip());
            }
        }
        return text.toString();
    }

    static String shortId(String id) {
        return id.length() <= SHORT_ID ? id : id.substring(0, SHORT_ID);
    }

    /** {@code d.c.i.o.Cashier} reads as {@code Cashier}: the package is rarely what a person looks for. */
    static String simpleName(String logger) {
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }
}
