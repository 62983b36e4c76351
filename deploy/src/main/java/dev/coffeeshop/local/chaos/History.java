package dev.coffeeshop.local.chaos;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scenario's history, append-only, one JSON object per line: every HTTP attempt and its answer, every fault
 * injected and healed, and at the end every side effect found in the services' ledgers. It is what the invariants
 * were checked against, kept so that a failure can be read after the fact.
 */
final class History implements AutoCloseable {

    private final JsonMapper json = JsonMapper.builder().build();
    private final BufferedWriter out;
    private final Path file;

    History(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Appends one entry: {@code kind} and the given fields, stamped with the time. */
    synchronized void record(String kind, Map<String, ?> fields) {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("at", Instant.now().toString());
        entry.put("kind", kind);
        fields.forEach((name, value) -> entry.put(name, value == null ? null : value.toString()));
        try {
            out.write(json.writeValueAsString(entry));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
