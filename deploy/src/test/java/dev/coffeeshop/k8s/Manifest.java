package dev.coffeeshop.k8s;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.util.Map;

/**
 * One rendered resource: as YAML left it ({@code raw}) and, where a Java model of its kind exists, as that model
 * (fabric8's Kubernetes types, Strimzi's). KEDA's kinds have no model: {@code model} is then fabric8's generic
 * resource, and they are checked against KEDA's own CRD schemas instead.
 */
record Manifest(String apiVersion, String kind, String name, Map<String, Object> raw, KubernetesResource model) {

    String id() {
        return kind + "/" + name;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) {
        Object value = raw.get(key);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
