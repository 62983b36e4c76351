package dev.coffeeshop.local.metrics;

import java.util.LinkedHashSet;
import java.util.Set;

/** The metric names of a scrape in the Prometheus text format (version 0.0.4): the name of every sample line. */
public final class Exposition {

    private Exposition() {}

    /** The names of the samples in {@code text}; comments ({@code # HELP}, {@code # TYPE}) and blank lines skipped. */
    public static Set<String> names(String text) {
        var names = new LinkedHashSet<String>();
        for (String line : text.split("\n")) {
            String sample = line.strip();
            if (sample.isEmpty() || sample.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < sample.length() && sample.charAt(end) != '{' && !Character.isWhitespace(sample.charAt(end))) {
                end++;
            }
            names.add(sample.substring(0, end));
        }
        return names;
    }
}
