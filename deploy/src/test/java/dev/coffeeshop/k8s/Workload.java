package dev.coffeeshop.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Deployment or StatefulSet: the pods it makes and how many (null when an autoscaler decides). */
record Workload(String kind, String name, PodTemplateSpec template, Integer replicas) {

    static List<Workload> of(Manifests manifests) {
        var workloads = new ArrayList<Workload>();
        for (Deployment deployment : manifests.models(Deployment.class)) {
            workloads.add(new Workload(
                    "Deployment",
                    deployment.getMetadata().getName(),
                    deployment.getSpec().getTemplate(),
                    deployment.getSpec().getReplicas()));
        }
        for (StatefulSet statefulSet : manifests.models(StatefulSet.class)) {
            workloads.add(new Workload(
                    "StatefulSet",
                    statefulSet.getMetadata().getName(),
                    statefulSet.getSpec().getTemplate(),
                    statefulSet.getSpec().getReplicas()));
        }
        return workloads;
    }

    String id() {
        return kind + "/" + name;
    }

    PodSpec pod() {
        return template.getSpec();
    }

    List<Container> containers() {
        var all = new ArrayList<Container>();
        if (pod().getInitContainers() != null) {
            all.addAll(pod().getInitContainers());
        }
        all.addAll(pod().getContainers());
        return all;
    }

    Map<String, String> labels() {
        Map<String, String> labels =
                template.getMetadata() == null ? null : template.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /** The service it runs: its {@code app.kubernetes.io/name}. */
    String app() {
        return labels().getOrDefault("app.kubernetes.io/name", name);
    }
}
