package dev.coffeeshop.testsupport.contracts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Whether a service's current OpenAPI or AsyncAPI document can replace the last released one without breaking its
 * clients, and if not, why. What breaks depends on who writes the data a schema describes:
 *
 * <table>
 *   <caption>Changes to a schema, by where it is used</caption>
 *   <tr><th>change</th><th>request (clients write, the service reads)</th><th>response (the service writes)</th>
 *       <th>message (one service writes, others read, and the topic keeps it)</th></tr>
 *   <tr><td>property removed</td><td>refused: the API refuses unknown fields</td><td>refused</td>
 *       <td>refused</td></tr>
 *   <tr><td>type changed</td><td>refused</td><td>refused</td><td>refused</td></tr>
 *   <tr><td>property newly required (a new one, or an optional one)</td><td>refused</td><td>allowed</td>
 *       <td>refused: records written before lack it</td></tr>
 *   <tr><td>property no longer required</td><td>allowed</td><td>refused: readers count on it</td>
 *       <td>refused</td></tr>
 *   <tr><td>enum value removed</td><td>refused</td><td>allowed</td><td>refused: old records carry it</td></tr>
 *   <tr><td>enum value added, optional property added</td><td>allowed</td><td>allowed</td>
 *       <td>allowed: readers take an unknown value as UNKNOWN, ignore an unknown field</td></tr>
 * </table>
 *
 * <p>And for the documents' structure: an operation removed (HTTP), a parameter removed or newly required, a media
 * type no longer accepted, a success response removed, a send operation or one of its messages removed (AsyncAPI)
 * are refused, and so is a webhook removed (OpenAPI 3.1 {@code webhooks}: requests the service sends, whose bodies
 * are judged as its responses); an error response or a receive operation removed is allowed (nobody depends on a service failing or
 * reading). All of it is allowed when the current document's {@code info.version} has a higher major than the
 * released one's.
 */
public final class Compatibility {

    enum Position {
        REQUEST,
        RESPONSE,
        MESSAGE
    }

    /**
     * @param breaking each change that would break a client, said in a line
     * @param majorRaised whether the current version's major is above the released one's, which allows them
     */
    public record Verdict(List<String> breaking, String releasedVersion, String currentVersion, boolean majorRaised) {

        public boolean refused() {
            return !breaking.isEmpty() && !majorRaised;
        }

        @Override
        public String toString() {
            return breaking.isEmpty()
                    ? "compatible with " + releasedVersion
                    : (majorRaised
                                    ? "breaking changes allowed by the major version raised from "
                                    : "breaking changes against ")
                            + releasedVersion + " (now " + currentVersion + "):\n  " + String.join("\n  ", breaking);
        }
    }

    private final JsonNode released;
    private final JsonNode current;
    private final List<String> breaking = new ArrayList<>();
    private final Set<String> compared = new HashSet<>();

    private Compatibility(JsonNode released, JsonNode current) {
        this.released = released;
        this.current = current;
    }

    /** Compares two OpenAPI or two AsyncAPI documents. */
    public static Verdict check(JsonNode released, JsonNode current) {
        var check = new Compatibility(released, current);
        if (released.has("openapi") && current.has("openapi")) {
            check.http();
        } else if (released.has("asyncapi") && current.has("asyncapi")) {
            check.events();
        } else {
            throw new IllegalArgumentException("two OpenAPI or two AsyncAPI documents, please");
        }
        String was = released.path("info").path("version").asString("0");
        String now = current.path("info").path("version").asString("0");
        return new Verdict(List.copyOf(check.breaking), was, now, major(now) > major(was));
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.split("\\.")[0].strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void http() {
        for (Map.Entry<String, JsonNode> path : released.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (!isMethod(method.getKey())) {
                    continue;
                }
                String where = method.getKey().toUpperCase() + " " + path.getKey();
                JsonNode now = current.path("paths").path(path.getKey()).path(method.getKey());
                if (now.isMissingNode()) {
                    breaking.add(where + ": operation removed");
                    continue;
                }
                operation(where, method.getValue(), now);
            }
        }
        webhooks();
    }

    /** OpenAPI 3.1 webhooks: requests the service sends, so their bodies are read as its responses are. */
    private void webhooks() {
        for (Map.Entry<String, JsonNode> webhook : released.path("webhooks").properties()) {
            for (Map.Entry<String, JsonNode> method : webhook.getValue().properties()) {
                if (!isMethod(method.getKey())) {
                    continue;
                }
                String where = "webhook " + webhook.getKey();
                JsonNode now = current.path("webhooks").path(webhook.getKey()).path(method.getKey());
                if (now.isMissingNode()) {
                    breaking.add(where + ": removed");
                    continue;
                }
                for (Map.Entry<String, JsonNode> media : resolve(
                                released, method.getValue().path("requestBody"))
                        .path("content")
                        .properties()) {
                    JsonNode same = resolve(current, now.path("requestBody"))
                            .path("content")
                            .path(media.getKey());
                    if (same.isMissingNode()) {
                        breaking.add(where + ": body " + media.getKey() + " no longer sent");
                    } else {
                        schema(
                                where + " body",
                                media.getValue().path("schema"),
                                same.path("schema"),
                                Position.RESPONSE);
                    }
                }
            }
        }
    }

    private static boolean isMethod(String key) {
        return Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace")
                .contains(key);
    }

    private void operation(String where, JsonNode was, JsonNode now) {
        var parametersNow = new java.util.LinkedHashMap<String, JsonNode>();
        for (JsonNode parameter : now.path("parameters")) {
            parameter = resolve(current, parameter);
            parametersNow.put(
                    parameter.path("in").asString() + " "
                            + parameter.path("name").asString(),
                    parameter);
        }
        var parametersWas = new LinkedHashSet<String>();
        for (JsonNode parameter : was.path("parameters")) {
            parameter = resolve(released, parameter);
            String name = parameter.path("in").asString() + " "
                    + parameter.path("name").asString();
            parametersWas.add(name);
            JsonNode same = parametersNow.get(name);
            if (same == null) {
                breaking.add(where + ": " + name + " parameter removed");
                continue;
            }
            if (same.path("required").asBoolean(false)
                    && !parameter.path("required").asBoolean(false)) {
                breaking.add(where + ": " + name + " parameter now required");
            }
            schema(where + " " + name, parameter.path("schema"), same.path("schema"), Position.REQUEST);
        }
        parametersNow.forEach((name, parameter) -> {
            if (!parametersWas.contains(name) && parameter.path("required").asBoolean(false)) {
                breaking.add(where + ": new required parameter " + name);
            }
        });

        JsonNode bodyWas = resolve(released, was.path("requestBody"));
        JsonNode bodyNow = resolve(current, now.path("requestBody"));
        if (!bodyNow.isMissingNode()
                && bodyNow.path("required").asBoolean(false)
                && (bodyWas.isMissingNode() || !bodyWas.path("required").asBoolean(false))) {
            breaking.add(where + ": request body now required");
        }
        if (!bodyWas.isMissingNode() && !bodyNow.isMissingNode()) {
            for (Map.Entry<String, JsonNode> media : bodyWas.path("content").properties()) {
                JsonNode same = bodyNow.path("content").path(media.getKey());
                if (same.isMissingNode()) {
                    breaking.add(where + ": request body " + media.getKey() + " no longer accepted");
                } else {
                    schema(
                            where + " request body",
                            media.getValue().path("schema"),
                            same.path("schema"),
                            Position.REQUEST);
                }
            }
        }

        for (Map.Entry<String, JsonNode> response : was.path("responses").properties()) {
            boolean success = response.getKey().startsWith("2");
            JsonNode same = resolve(current, now.path("responses").path(response.getKey()));
            if (same.isMissingNode()) {
                if (success) {
                    breaking.add(where + ": response " + response.getKey() + " removed");
                }
                continue;
            }
            for (Map.Entry<String, JsonNode> media :
                    resolve(released, response.getValue()).path("content").properties()) {
                JsonNode sameMedia = same.path("content").path(media.getKey());
                if (sameMedia.isMissingNode()) {
                    if (success) {
                        breaking.add(where + ": response " + response.getKey() + " " + media.getKey() + " removed");
                    }
                    continue;
                }
                schema(
                        where + " response " + response.getKey(),
                        media.getValue().path("schema"),
                        sameMedia.path("schema"),
                        Position.RESPONSE);
            }
        }
    }

    private void events() {
        for (Map.Entry<String, JsonNode> operation : released.path("operations").properties()) {
            String action = operation.getValue().path("action").asString();
            boolean sends = "send".equals(action);
            String where = "operation " + operation.getKey();
            JsonNode now = current.path("operations").path(operation.getKey());
            if (now.isMissingNode()) {
                if (sends) {
                    breaking.add(where + ": removed");
                }
                continue;
            }
            if (!action.equals(now.path("action").asString())) {
                breaking.add(where + ": action changed from " + action + " to "
                        + now.path("action").asString());
                continue;
            }
            var messagesNow = new java.util.HashMap<String, JsonNode>();
            for (JsonNode message : now.path("messages")) {
                JsonNode resolved = resolve(current, message);
                messagesNow.put(resolved.path("name").asString(), resolved);
            }
            for (JsonNode message : operation.getValue().path("messages")) {
                JsonNode was = resolve(released, message);
                String name = was.path("name").asString();
                JsonNode same = messagesNow.get(name);
                if (same == null) {
                    if (sends) {
                        breaking.add(where + ": message " + name + " removed");
                    }
                    continue;
                }
                schema(name + " payload", was.path("payload"), same.path("payload"), Position.MESSAGE);
                schema(name + " headers", was.path("headers"), same.path("headers"), Position.MESSAGE);
            }
        }
    }

    private void schema(String where, JsonNode wasSchema, JsonNode nowSchema, Position position) {
        String pair = wasSchema.path("$ref").asString("") + "|"
                + nowSchema.path("$ref").asString("") + "|" + position;
        if (!pair.startsWith("||") && !compared.add(pair)) {
            return;
        }
        JsonNode was = resolve(released, wasSchema);
        JsonNode now = resolve(current, nowSchema);
        if (was.isMissingNode() || now.isMissingNode()) {
            return;
        }
        Set<String> typesWas = types(was);
        Set<String> typesNow = types(now);
        if (!typesWas.isEmpty() && !typesWas.equals(typesNow)) {
            breaking.add(where + ": type changed from " + typesWas + " to " + typesNow);
            return;
        }
        Set<String> enumWas = values(was.path("enum"));
        Set<String> enumNow = values(now.path("enum"));
        if (!enumWas.isEmpty() && position != Position.RESPONSE) {
            var removed = new TreeSet<>(enumWas);
            removed.removeAll(enumNow);
            if (!enumNow.isEmpty() && !removed.isEmpty()) {
                breaking.add(where + ": enum values removed " + removed);
            }
        }
        Set<String> requiredWas = values(was.path("required"));
        Set<String> requiredNow = values(now.path("required"));
        for (Map.Entry<String, JsonNode> property : was.path("properties").properties()) {
            JsonNode same = now.path("properties").path(property.getKey());
            if (same.isMissingNode()) {
                breaking.add(where + ": property " + property.getKey() + " removed");
                continue;
            }
            if (position != Position.REQUEST
                    && requiredWas.contains(property.getKey())
                    && !requiredNow.contains(property.getKey())) {
                breaking.add(where + ": property " + property.getKey() + " no longer required");
            }
            schema(where + "." + property.getKey(), property.getValue(), same, position);
        }
        if (position != Position.RESPONSE) {
            for (String name : requiredNow) {
                if (!requiredWas.contains(name)) {
                    breaking.add(where + ": property " + name + " newly required");
                }
            }
        }
        if (was.has("items")) {
            schema(where + "[]", was.path("items"), now.path("items"), position);
        }
    }

    private static Set<String> types(JsonNode schema) {
        var types = new TreeSet<String>();
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        } else if (type.isString()) {
            types.add(type.asString());
        }
        return types;
    }

    private static Set<String> values(JsonNode array) {
        var values = new TreeSet<String>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    /** The node a local {@code $ref} points to, followed as far as it goes; a node without one as it is. */
    private static JsonNode resolve(JsonNode document, JsonNode node) {
        for (int hops = 0; node.has("$ref") && hops < 20; hops++) {
            String pointer = node.path("$ref").asString();
            if (!pointer.startsWith("#")) {
                return MissingNode.getInstance();
            }
            node = document.at(pointer.substring(1));
        }
        return node;
    }
}
