package dev.coffeeshop.k8s;

import dev.coffeeshop.local.stack.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/**
 * What a service's {@code application.yml} says about its environment and its use of Kafka: the environment variables
 * it reads ({@code ${NAME...}} placeholders), its API and management ports, its consumer bindings (topic, group,
 * consumers per pod, dead-letter topic), the binder's partition settings and the topics its outbox publishes.
 */
record ServiceConfiguration(
        Service service,
        int serverPort,
        int managementPort,
        Set<String> placeholders,
        List<Binding> bindings,
        int minPartitionCount,
        boolean autoAddPartitions,
        Set<String> outboxTopics) {

    /**
     * A consumer binding: the topic it consumes, and the group's own replay topic it reads beside it (null when it
     * reads none); {@code deadLetterTopic} is null when it has no dead-letter topic.
     */
    record Binding(
            String name,
            String destination,
            String replayTopic,
            String group,
            int concurrency,
            String deadLetterTopic,
            Integer deadLetterPartitions) {}

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern DESTINATION =
            Pattern.compile("spring\\.cloud\\.stream\\.bindings\\.([^.]+)\\.destination");

    static ServiceConfiguration read(Service service) {
        Path file = Kustomize.ROOT.resolve(service.moduleName()).resolve("src/main/resources/application.yml");
        try {
            return parse(service, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceConfiguration parse(Service service, String yaml) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", new Yaml().load(yaml), flat);
        var placeholders = new TreeSet<String>();
        Matcher matcher = PLACEHOLDER.matcher(yaml);
        while (matcher.find()) {
            if (ENVIRONMENT_NAME.matcher(matcher.group(1)).matches()) {
                placeholders.add(matcher.group(1));
            }
        }
        var bindings = new ArrayList<Binding>();
        for (String key : flat.keySet()) {
            Matcher destination = DESTINATION.matcher(key);
            if (!destination.matches()) {
                continue;
            }
            String name = destination.group(1);
            String consumer = "spring.cloud.stream.bindings." + name;
            String kafka = "spring.cloud.stream.kafka.bindings." + name + ".consumer";
            String group = resolve(flat.get(consumer + ".group"), flat);
            if (group == null || name.matches(".*-out-\\d+")) {
                continue; // a producer, or an anonymous consumer
            }
            // the destination, and the group's replay topic after a comma (DeadLetterTopics.replay)
            List<String> destinations = Arrays.stream(
                            resolve(flat.get(key), flat).split(","))
                    .map(String::strip)
                    .toList();
            String topic = destinations.getFirst();
            String replayTopic = destinations.size() > 1 ? destinations.get(1) : null;
            String deadLetterTopic = null;
            if (Boolean.parseBoolean(flat.get(kafka + ".enable-dlq"))) {
                String dlqName = resolve(flat.get(kafka + ".dlq-name"), flat);
                // the binder's own name when a binding sets none
                deadLetterTopic = dlqName != null ? dlqName : "error." + topic + "." + group;
            }
            String dlqPartitions = flat.get(kafka + ".dlq-partitions");
            bindings.add(new Binding(
                    name,
                    topic,
                    replayTopic,
                    group,
                    Integer.parseInt(flat.getOrDefault(consumer + ".consumer.concurrency", "1")),
                    deadLetterTopic,
                    dlqPartitions == null ? null : Integer.valueOf(dlqPartitions)));
        }
        String binder = "spring.cloud.stream.kafka.binder.";
        String outbox = resolve(flat.get("coffeeshop.outbox.topics"), flat);
        return new ServiceConfiguration(
                service,
                Integer.parseInt(resolve(flat.get("server.port"), flat)),
                Integer.parseInt(resolve(flat.get("management.server.port"), flat)),
                placeholders,
                List.copyOf(bindings),
                Integer.parseInt(flat.getOrDefault(binder + "min-partition-count", "1")),
                Boolean.parseBoolean(flat.getOrDefault(binder + "auto-add-partitions", "false")),
                outbox == null
                        ? Set.of()
                        : Arrays.stream(outbox.split(","))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** The topics its bindings read. */
    Set<String> consumedTopics() {
        return bindings.stream().map(Binding::destination).collect(Collectors.toCollection(TreeSet::new));
    }

    Set<String> groups() {
        return bindings.stream().map(Binding::group).collect(Collectors.toCollection(TreeSet::new));
    }

    Set<String> deadLetterTopics() {
        return bindings.stream()
                .map(Binding::deadLetterTopic)
                .filter(t -> t != null)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The group's own replay topics its bindings read beside the topics they consume. */
    Set<String> replayTopics() {
        return bindings.stream()
                .map(Binding::replayTopic)
                .filter(t -> t != null)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Every topic the service writes: its outbox's, its dead-letter topics, and its replay topics, where a staff replay
     * of a dead letter goes ({@code DeadLetterTopics.replay}); never a topic it consumes, which only its producer writes.
     */
    Set<String> producedTopics() {
        var topics = new TreeSet<>(outboxTopics);
        topics.addAll(deadLetterTopics());
        topics.addAll(replayTopics());
        return topics;
    }

    /**
     * Every topic the service reads records from: its bindings' (with their replay topics), and its dead-letter topics,
     * which the staff endpoints count and read ({@code DeadLetterTopics.read}, without a group).
     */
    Set<String> readTopics() {
        var topics = new TreeSet<>(consumedTopics());
        topics.addAll(replayTopics());
        topics.addAll(deadLetterTopics());
        return topics;
    }

    /** Consumers of {@code topic} one pod runs: the concurrency of the bindings reading it. */
    int consumersPerPod(String topic) {
        return bindings.stream()
                .filter(b -> b.destination().equals(topic))
                .mapToInt(Binding::concurrency)
                .sum();
    }

    /**
     * The partitions the binder makes sure {@code topic} has when it provisions it: with auto-add-partitions at least
     * min-partition-count, for a dead-letter topic too whatever its dlq-partitions (the binder raises the count and
     * adds partitions to an existing topic that has fewer); 0 for a topic the service does not provision.
     */
    int expectedPartitions(String topic) {
        int expected = 0;
        for (Binding binding : bindings) {
            if (binding.destination().equals(topic) || topic.equals(binding.replayTopic())) {
                expected = Math.max(expected, minPartitionCount);
            }
            if (topic.equals(binding.deadLetterTopic())) {
                int requested = binding.deadLetterPartitions() != null
                        ? binding.deadLetterPartitions()
                        : Math.max(minPartitionCount, 1);
                expected = Math.max(expected, autoAddPartitions ? Math.max(minPartitionCount, requested) : requested);
            }
        }
        return expected;
    }

    private static String resolve(String value, Map<String, String> flat) {
        if (value == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(value);
        var resolved = new StringBuilder();
        while (matcher.find()) {
            String replacement = flat.containsKey(matcher.group(1))
                    ? resolve(flat.get(matcher.group(1)), flat)
                    : matcher.group(2) != null ? matcher.group(2) : matcher.group();
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Map<String, String> flat) {
        if (value instanceof Map<?, ?> map) {
            ((Map<String, Object>) map)
                    .forEach((key, entry) -> flatten(prefix.isEmpty() ? key : prefix + "." + key, entry, flat));
        } else if (value instanceof List<?> list) {
            flat.put(prefix, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
        } else if (value != null) {
            flat.put(prefix, String.valueOf(value));
        }
    }
}
