package dev.coffeeshop.k8s;

import dev.coffeeshop.local.stack.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * README.md's "Configuration that matters": the environment variables the services read beyond the placeholders of
 * their application.yml (COFFEESHOP_* settings bound by relaxed binding to their {@code @ConfigurationProperties}),
 * each with the services its "used by" column names.
 */
record ConfigurationTable(Map<String, String> usedBy) {

    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    static ConfigurationTable read() {
        try {
            String readme = Files.readString(Kustomize.ROOT.resolve("README.md"));
            int start = readme.indexOf("## Configuration that matters");
            if (start < 0) {
                throw new IllegalStateException("README.md has no section \"Configuration that matters\"");
            }
            int end = readme.indexOf("\n## ", start + 1);
            String section = readme.substring(start, end < 0 ? readme.length() : end);
            var usedBy = new LinkedHashMap<String, String>();
            for (String line : section.split("\n")) {
                if (!line.startsWith("| `")) {
                    continue;
                }
                String[] cells = line.split("\\|");
                Matcher names = NAME.matcher(cells[1]);
                while (names.find()) {
                    usedBy.put(names.group(1), cells[2].strip());
                }
            }
            return new ConfigurationTable(usedBy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The variables the table says {@code service} reads; {@code publishes} whether it has an outbox. */
    Set<String> readBy(Service service, boolean publishes) {
        var names = new TreeSet<String>();
        usedBy.forEach((name, who) -> {
            if (who.startsWith("all")
                    || who.startsWith("each service")
                    || who.startsWith(service.moduleName())
                    || (publishes && who.startsWith("publishing services"))) {
                names.add(name);
            }
        });
        return names;
    }
}
