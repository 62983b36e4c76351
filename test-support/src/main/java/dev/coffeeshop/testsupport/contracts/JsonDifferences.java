package dev.coffeeshop.testsupport.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** Where two JSON documents differ, one line per difference with its JSON pointer: readable in a test failure. */
final class JsonDifferences {

    private static final int SHOWN = 40;

    private JsonDifferences() {}

    static List<String> between(JsonNode expected, JsonNode actual) {
        var differences = new ArrayList<String>();
        compare("", expected, actual, differences);
        if (differences.size() > SHOWN) {
            int more = differences.size() - SHOWN;
            differences.subList(SHOWN, differences.size()).clear();
            differences.add("... and " + more + " more");
        }
        return differences;
    }

    private static void compare(String pointer, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            var names = new TreeSet<String>();
            expected.propertyNames().forEach(names::add);
            actual.propertyNames().forEach(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!actual.has(name)) {
                    differences.add("- " + child + " (only in the checked-in document)");
                } else if (!expected.has(name)) {
                    differences.add("+ " + child + ": " + abbreviated(actual.get(name)));
                } else {
                    compare(child, expected.get(name), actual.get(name), differences);
                }
            }
            return;
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                compare(pointer + "/" + i, expected.get(i), actual.get(i), differences);
            }
            return;
        }
        differences.add("~ " + pointer + ": " + abbreviated(expected) + " -> " + abbreviated(actual));
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    static String lines(List<String> differences) {
        return "  " + String.join("\n  ", differences);
    }
}
