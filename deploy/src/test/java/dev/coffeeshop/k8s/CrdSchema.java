package dev.coffeeshop.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * A custom resource's OpenAPI v3 schema, read from its CustomResourceDefinition, as a structural check: every field
 * known to the schema (the API server would silently prune an unknown one, so a typo would simply vanish), required
 * fields present, types, enums, minimums, lengths. Not checked: CEL rules ({@code x-kubernetes-validations}),
 * patterns and formats.
 */
final class CrdSchema {

    private final String source;
    private final Map<String, Object> schema;

    private CrdSchema(String source, Map<String, Object> schema) {
        this.source = source;
        this.schema = schema;
    }

    /** The schema of {@code version} in the CRD at {@code resource}, relative to this package on the class path. */
    static CrdSchema load(String resource, String version) {
        try (InputStream in = CrdSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no CRD " + resource + " next to " + CrdSchema.class.getName());
            }
            for (Object document : new Yaml().loadAll(in)) {
                if (document == null) {
                    continue;
                }
                for (Object each : list(map(map(document).get("spec")).get("versions"))) {
                    Map<String, Object> candidate = map(each);
                    if (version.equals(candidate.get("name"))) {
                        return new CrdSchema(
                                resource, map(map(candidate.get("schema")).get("openAPIV3Schema")));
                    }
                }
            }
            throw new IllegalStateException(resource + " has no version " + version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code resource}, one message per fault; metadata is left to the API server. */
    List<String> validate(Map<String, Object> resource) {
        var problems = new ArrayList<String>();
        Map<String, Object> properties = map(schema.get("properties"));
        for (var entry : resource.entrySet()) {
            String field = entry.getKey();
            if (field.equals("metadata")) {
                continue;
            }
            if (!properties.containsKey(field)) {
                problems.add("unknown field " + field + " (" + source + ")");
                continue;
            }
            validate(map(properties.get(field)), entry.getValue(), field, problems);
        }
        for (Object required : list(schema.get("required"))) {
            if (!resource.containsKey(String.valueOf(required))) {
                problems.add("missing required field " + required);
            }
        }
        return problems;
    }

    private void validate(Map<String, Object> schema, Object value, String path, List<String> problems) {
        if (value == null) {
            if (!Boolean.TRUE.equals(schema.get("nullable"))) {
                problems.add(path + " is null");
            }
            return;
        }
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            if (!(value instanceof Integer || value instanceof Long || value instanceof String)) {
                problems.add(path + " must be an integer or a string, not " + value);
            }
            return;
        }
        String type = String.valueOf(schema.get("type"));
        switch (type) {
            case "object" -> validateObject(schema, value, path, problems);
            case "array" -> {
                if (!(value instanceof List<?> items)) {
                    problems.add(path + " must be a list, not " + value);
                    return;
                }
                if (schema.get("minItems") instanceof Number min && items.size() < min.intValue()) {
                    problems.add(path + " must have at least " + min + " items");
                }
                Map<String, Object> itemSchema = map(schema.get("items"));
                for (int i = 0; i < items.size(); i++) {
                    validate(itemSchema, items.get(i), path + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!(value instanceof String text)) {
                    problems.add(path + " must be a string, not " + value + " (quote it)");
                    return;
                }
                if (schema.get("minLength") instanceof Number min && text.length() < min.intValue()) {
                    problems.add(path + " must not be shorter than " + min);
                }
                checkEnum(schema, value, path, problems);
            }
            case "integer" -> {
                if (!(value instanceof Integer || value instanceof Long)) {
                    problems.add(path + " must be an integer, not " + value);
                    return;
                }
                checkMinimum(schema, ((Number) value).longValue(), path, problems);
            }
            case "number" -> {
                if (!(value instanceof Number number)) {
                    problems.add(path + " must be a number, not " + value);
                    return;
                }
                checkMinimum(schema, number.longValue(), path, problems);
            }
            case "boolean" -> {
                if (!(value instanceof Boolean)) {
                    problems.add(path + " must be true or false, not " + value);
                }
            }
            default -> {
                // no type: anything goes (x-kubernetes-preserve-unknown-fields, anyOf of types)
            }
        }
    }

    private void validateObject(Map<String, Object> schema, Object value, String path, List<String> problems) {
        if (!(value instanceof Map<?, ?> object)) {
            problems.add(path + " must be a mapping, not " + value);
            return;
        }
        Map<String, Object> properties = map(schema.get("properties"));
        Object additional = schema.get("additionalProperties");
        boolean preserve = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
        for (var entry : object.entrySet()) {
            String field = String.valueOf(entry.getKey());
            String fieldPath = path + "." + field;
            if (properties.containsKey(field)) {
                validate(map(properties.get(field)), entry.getValue(), fieldPath, problems);
            } else if (additional instanceof Map<?, ?>) {
                validate(map(additional), entry.getValue(), fieldPath, problems);
            } else if (!preserve && !Boolean.TRUE.equals(additional)) {
                problems.add("unknown field " + fieldPath + " (" + source + ")");
            }
        }
        for (Object required : list(schema.get("required"))) {
            if (!object.containsKey(required)) {
                problems.add(path + " lacks its required field " + required);
            }
        }
    }

    private static void checkEnum(Map<String, Object> schema, Object value, String path, List<String> problems) {
        List<Object> allowed = list(schema.get("enum"));
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            problems.add(path + " is " + value + ", not one of " + allowed);
        }
    }

    private static void checkMinimum(Map<String, Object> schema, long value, String path, List<String> problems) {
        if (schema.get("minimum") instanceof Number min && value < min.longValue()) {
            problems.add(path + " is " + value + ", below its minimum " + min);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
