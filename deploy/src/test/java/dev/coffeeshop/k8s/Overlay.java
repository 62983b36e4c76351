package dev.coffeeshop.k8s;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The folders of deploy/k8s that render to something applicable, each rendered and parsed once per test run. */
enum Overlay {
    BASE("base", false),
    LOCAL("overlays/local", true),
    PRODUCTION("overlays/production", false);

    private static final Map<Overlay, Manifests> PARSED = new ConcurrentHashMap<>();

    private final String folder;
    private final boolean devSecrets;

    Overlay(String folder, boolean devSecrets) {
        this.folder = folder;
        this.devSecrets = devSecrets;
    }

    Path path() {
        return Kustomize.K8S.resolve(folder);
    }

    /** Whether it may generate Secrets with data (placeholders, annotated dev-only). */
    boolean devSecrets() {
        return devSecrets;
    }

    Manifests manifests() {
        return PARSED.computeIfAbsent(this, o -> Manifests.parse(Kustomize.render(o.path()), "deploy/k8s/" + folder));
    }

    @Override
    public String toString() {
        return "deploy/k8s/" + folder;
    }
}
