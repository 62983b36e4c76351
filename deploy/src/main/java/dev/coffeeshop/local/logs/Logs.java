package dev.coffeeshop.local.logs;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code ./coffeeshop logs [component] [--order ID] [--lines N] [--no-follow]} and {@code ./coffeeshop logs
 * --check-secrets}: the local stack's logs, in {@code .coffeeshop/logs}, as a person reads them ({@link LogFormat}),
 * and the check that none of their lines holds a secret ({@link SecretScan}).
 */
public final class Logs {

    /** The components shown when none is named, as {@code ./coffeeshop logs} always showed them. */
    static final List<String> STACK = List.of(
            "kafka",
            "postgres",
            "identity-provider",
            "trace-viewer",
            "order-intake",
            "barista-worker",
            "notification-service");

    private static final String USAGE =
            "usage: ./coffeeshop logs [component] [--order ID] [--lines N] [--no-follow] | --check-secrets";

    private Logs() {}

    public static int run(Path data, List<String> arguments, PrintStream out) {
        Path directory = data.resolve("logs");
        Options options;
        try {
            options = Options.parse(arguments);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        if (options.checkSecrets()) {
            return checkSecrets(data, directory, out);
        }
        ZoneId zone = ZoneId.systemDefault();
        var files = new ArrayList<LogFile>();
        if (options.component() != null) {
            Path file = directory.resolve(options.component() + ".log");
            if (!Files.isRegularFile(file)) {
                out.println("No log for '" + options.component() + "' in " + directory + " (there are: "
                        + String.join(" ", names(directory)) + ")");
                return 1;
            }
            files.add(new LogFile(options.component(), file, zone));
        } else {
            STACK.stream()
                    .filter(name -> Files.isRegularFile(directory.resolve(name + ".log")))
                    .forEach(name -> files.add(new LogFile(name, directory.resolve(name + ".log"), zone)));
        }
        if (files.isEmpty()) {
            out.println("No logs yet in " + directory + "; start the stack with ./coffeeshop up");
            return 1;
        }
        Predicate<LogLine> wanted = options.order() == null ? line -> true : line -> line.concerns(options.order());
        int last = options.lines() != null ? options.lines() : options.order() != null ? Integer.MAX_VALUE : 100;
        var logs = new MergedLogs(files, wanted, new LogFormat(zone));
        if (options.follow()) {
            logs.follow(last, out, Duration.ofMillis(250));
        } else {
            logs.print(logs.history(last), out);
        }
        return 0;
    }

    /**
     * Every line of every log in {@code directory}, searched for the stack's secrets and for anything that looks like
     * a token, an Authorization header, a private key or a card number; each finding named by file, line and kind,
     * never by value. Non-zero when there is one.
     */
    static int checkSecrets(Path data, Path directory, PrintStream out) {
        var notes = new ArrayList<String>();
        Map<String, String> secrets = StackSecrets.of(data, System.getenv(), notes);
        return check(directory, secrets, notes, out);
    }

    static int check(Path directory, Map<String, String> secrets, List<String> notes, PrintStream out) {
        var scan = new SecretScan(secrets);
        List<String> names = names(directory);
        if (names.isEmpty()) {
            out.println("No logs in " + directory + " to check.");
            return 1;
        }
        int lines = 0;
        int findings = 0;
        for (String name : names) {
            Path file = directory.resolve(name + ".log");
            int number = 0;
            try (Stream<String> content = Files.lines(file, StandardCharsets.UTF_8)) {
                for (String line : (Iterable<String>) content::iterator) {
                    number++;
                    for (SecretScan.Finding finding : scan.scan(line)) {
                        out.println(file + ":" + number + ": " + finding.what());
                        findings++;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                out.println(file + ": cannot read: " + e.getMessage());
                findings++;
            }
            lines += number;
        }
        notes.forEach(note -> out.println("note: " + note));
        List<String> tooShort = SecretScan.tooShort(secrets);
        if (!tooShort.isEmpty()) {
            out.println("note: not looked for, shorter than " + SecretScan.SHORTEST_SECRET + " characters: "
                    + String.join(", ", tooShort));
        }
        out.printf(
                "Checked %d lines in %d logs (%s) for %d of the stack's secrets, bearer tokens, Authorization headers,"
                        + " private keys and card numbers: %s%n",
                lines,
                names.size(),
                String.join(", ", names),
                scan.knownSecrets(),
                findings == 0 ? "none found." : findings + " found.");
        return findings == 0 ? 0 : 1;
    }

    private static List<String> names(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".log"))
                    .map(name -> name.substring(0, name.length() - ".log".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** What the command was asked. */
    record Options(String component, String order, Integer lines, boolean follow, boolean checkSecrets) {

        static Options parse(List<String> arguments) {
            String component = null;
            String order = null;
            Integer lines = null;
            boolean follow = true;
            boolean checkSecrets = false;
            for (int i = 0; i < arguments.size(); i++) {
                String argument = arguments.get(i);
                switch (argument) {
                    case "--order" -> {
                        order = value(arguments, ++i, argument).strip();
                        if (order.length() < 4) {
                            throw new IllegalArgumentException("--order takes an order id, or its first characters");
                        }
                    }
                    case "--lines", "-n" -> {
                        try {
                            lines = Integer.parseInt(value(arguments, ++i, argument));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException(argument + " takes a number");
                        }
                    }
                    case "--no-follow" -> follow = false;
                    case "--check-secrets" -> checkSecrets = true;
                    default -> {
                        if (argument.startsWith("-") || component != null) {
                            throw new IllegalArgumentException("unexpected argument: " + argument);
                        }
                        component = argument;
                    }
                }
            }
            return new Options(component, order, lines, follow, checkSecrets);
        }

        private static String value(List<String> arguments, int index, String option) {
            if (index >= arguments.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return arguments.get(index);
        }
    }
}
