package dev.coffeeshop.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The resources of one rendered YAML stream, parsed into models, and every way they failed to parse: a field the
 * model does not know (a typo, a field at the wrong level, one that a newer version of the operator would add), a value
 * of the wrong type, a kind nothing knows, a KEDA resource its CRD's schema rejects.
 */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static {
        SERIALIZATION.registerKubernetesResource(Kafka.class);
        SERIALIZATION.registerKubernetesResource(KafkaNodePool.class);
        SERIALIZATION.registerKubernetesResource(KafkaTopic.class);
        SERIALIZATION.registerKubernetesResource(KafkaUser.class);
    }

    /** Kinds without a Java model, checked against the CRD schemas KEDA publishes (vendored in test resources). */
    private static final Map<String, CrdSchema> SCHEMAS = Map.of(
            "keda.sh/v1alpha1/ScaledObject", CrdSchema.load("keda/keda.sh_scaledobjects.yaml", "v1alpha1"),
            "keda.sh/v1alpha1/TriggerAuthentication",
                    CrdSchema.load("keda/keda.sh_triggerauthentications.yaml", "v1alpha1"));

    private final List<Manifest> all;
    private final List<String> problems;

    private Manifests(List<Manifest> all, List<String> problems) {
        this.all = List.copyOf(all);
        this.problems = List.copyOf(problems);
    }

    /** Parses a YAML stream of resources; {@code source} names it in messages. */
    @SuppressWarnings("unchecked")
    static Manifests parse(String yaml, String source) {
        var all = new ArrayList<Manifest>();
        var problems = new ArrayList<String>();
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        for (Object document : new Yaml(options).loadAll(yaml)) {
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map<?, ?> map)) {
                problems.add(source + ": a document that is not a mapping: " + document);
                continue;
            }
            var raw = new LinkedHashMap<>((Map<String, Object>) map);
            String apiVersion = String.valueOf(raw.get("apiVersion"));
            String kind = String.valueOf(raw.get("kind"));
            Object metadata = raw.get("metadata");
            String name = metadata instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "null";
            String id = kind + "/" + name;
            KubernetesResource model;
            try {
                model = SERIALIZATION.unmarshal(SERIALIZATION.asJson(raw));
            } catch (RuntimeException e) {
                problems.add(id + ": does not parse as " + apiVersion + " " + kind + ": " + e.getMessage());
                continue;
            }
            if (model instanceof GenericKubernetesResource) {
                CrdSchema schema = SCHEMAS.get(apiVersion + "/" + kind);
                if (schema == null) {
                    problems.add(id + ": no model knows " + apiVersion + " " + kind
                            + " (a typo in apiVersion or kind, or a kind these tests do not check yet)");
                } else {
                    schema.validate(raw).forEach(problem -> problems.add(id + ": " + problem));
                }
            } else {
                UnknownFields.of(model).forEach(field -> problems.add(id + ": unknown field " + field));
            }
            all.add(new Manifest(apiVersion, kind, name, raw, model));
        }
        return new Manifests(all, problems);
    }

    List<Manifest> all() {
        return all;
    }

    /** Unknown fields, wrong types, unknown kinds, schema violations; empty when every resource parsed cleanly. */
    List<String> problems() {
        return problems;
    }

    List<Manifest> ofKind(String kind) {
        return all.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    <T extends HasMetadata> List<T> models(Class<T> type) {
        return all.stream()
                .map(Manifest::model)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    <T extends HasMetadata> Optional<T> model(Class<T> type, String name) {
        return models(type).stream()
                .filter(m -> m.getMetadata().getName().equals(name))
                .findFirst();
    }

    Optional<Manifest> find(String kind, String name) {
        return all.stream()
                .filter(m -> m.kind().equals(kind) && m.name().equals(name))
                .findFirst();
    }

    Set<String> kinds() {
        return Set.copyOf(all.stream().map(Manifest::kind).toList());
    }
}
