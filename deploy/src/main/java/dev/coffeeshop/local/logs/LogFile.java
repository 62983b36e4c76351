package dev.coffeeshop.local.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * One component's log file, read as it grows: each call returns the complete lines written since the last one. A line
 * without a time of its own (a stack trace's frame, a wrapped message) takes the time of the line before it, so that
 * merging by time keeps it in its place. A file that shrank was started afresh (the component restarted): it is read
 * again from its start.
 */
final class LogFile {

    private final String service;
    private final Path path;
    private final ZoneId localZone;
    private long position;
    private byte[] partial = new byte[0];
    private Instant lastTime = Instant.EPOCH;

    LogFile(String service, Path path, ZoneId localZone) {
        this.service = service;
        this.path = path;
        this.localZone = localZone;
    }

    String service() {
        return service;
    }

    Path path() {
        return path;
    }

    /** The complete lines written since the last call (all of them, the first time). */
    List<LogLine> readNew() throws IOException {
        if (!Files.exists(path)) {
            return List.of();
        }
        long size = Files.size(path);
        if (size < position) {
            position = 0;
            partial = new byte[0];
        }
        if (size == position) {
            return List.of();
        }
        byte[] appended;
        try (var file = new RandomAccessFile(path.toFile(), "r")) {
            file.seek(position);
            appended = new byte[(int) Math.min(Integer.MAX_VALUE - 16, size - position)];
            file.readFully(appended);
        }
        position += appended.length;
        byte[] bytes = new byte[partial.length + appended.length];
        System.arraycopy(partial, 0, bytes, 0, partial.length);
        System.arraycopy(appended, 0, bytes, partial.length, appended.length);
        int end = lastNewline(bytes);
        partial = java.util.Arrays.copyOfRange(bytes, end + 1, bytes.length);
        if (end < 0) {
            return List.of();
        }
        var lines = new ArrayList<LogLine>();
        for (String raw : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\\R", -1)) {
            if (raw.isBlank()) {
                continue;
            }
            LogLine line = LogLine.parse(service, raw, localZone).datedIfUndated(lastTime);
            lastTime = line.time().orElse(lastTime);
            lines.add(line);
        }
        return lines;
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
