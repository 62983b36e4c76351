package dev.coffeeshop.testsupport.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON document written the one way the checked-in contracts are: every object's keys sorted, arrays in their
 * order except a JSON Schema {@code type} list (whose order means nothing, and which the generator writes in either
 * order from one run to the next), two-space indentation, a final newline. So a document made twice from the same code
 * is the same file, and a diff shows only what changed.
 */
public final class CanonicalJson {

    private static final JsonMapper json =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private CanonicalJson() {}

    public static JsonNode read(String text) {
        return json.readTree(text);
    }

    /** {@code document} with every object's keys sorted, and every schema's list of types. */
    public static JsonNode sorted(JsonNode document) {
        if (document.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(document.properties());
            fields.sort(Map.Entry.comparingByKey());
            fields.forEach(field -> sorted.set(
                    field.getKey(),
                    field.getKey().equals("type") ? typesSorted(field.getValue()) : sorted(field.getValue())));
            return sorted;
        }
        if (document.isArray()) {
            ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
            document.forEach(element -> sorted.add(sorted(element)));
            return sorted;
        }
        return document;
    }

    /** A schema's {@code type}: a list of type names in their natural order, a single name as it is. */
    private static JsonNode typesSorted(JsonNode type) {
        if (!type.isArray() || !type.valueStream().allMatch(JsonNode::isString)) {
            return sorted(type);
        }
        ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
        type.valueStream().map(JsonNode::asString).sorted().forEach(sorted::add);
        return sorted;
    }

    /** The text of {@code document} as it is checked in. */
    public static String write(JsonNode document) {
        return json.writeValueAsString(sorted(document)).replace("\r\n", "\n") + "\n";
    }
}
