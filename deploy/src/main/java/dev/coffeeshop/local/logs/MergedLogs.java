package dev.coffeeshop.local.logs;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Several components' logs as one, in time order: what they hold so far (its last lines, or every line of one order),
 * then, when following, each new line as it comes. Lines of one file keep their order; lines of different files that
 * carry the same time keep the order of the files.
 */
final class MergedLogs {

    private static final Comparator<LogLine> BY_TIME =
            Comparator.comparing(line -> line.time().orElse(Instant.EPOCH));

    private final List<LogFile> files;
    private final Predicate<LogLine> wanted;
    private final LogFormat format;

    MergedLogs(List<LogFile> files, Predicate<LogLine> wanted, LogFormat format) {
        this.files = List.copyOf(files);
        this.wanted = wanted;
        this.format = format;
    }

    /** The lines written so far that are wanted, merged, the last {@code last} of them. */
    List<LogLine> history(int last) {
        List<LogLine> all = merge(readAll());
        return all.subList(Math.max(0, all.size() - last), all.size());
    }

    /** Prints the history, then every new wanted line until {@code out} is closed (or the thread interrupted). */
    void follow(int last, PrintStream out, Duration poll) {
        print(history(last), out);
        while (!out.checkError() && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            print(merge(readAll()), out);
        }
    }

    void print(List<LogLine> lines, PrintStream out) {
        lines.forEach(line -> out.println(format.format(line)));
        out.flush();
    }

    private List<List<LogLine>> readAll() {
        var perFile = new ArrayList<List<LogLine>>();
        for (LogFile file : files) {
            try {
                perFile.add(file.readNew().stream().filter(wanted).toList());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.path(), e);
            }
        }
        return perFile;
    }

    /** The lines of every file in one list, in time order; a stable sort keeps each file's own order. */
    static List<LogLine> merge(List<List<LogLine>> perFile) {
        var all = new ArrayList<LogLine>();
        perFile.forEach(all::addAll);
        all.sort(BY_TIME);
        return all;
    }
}
