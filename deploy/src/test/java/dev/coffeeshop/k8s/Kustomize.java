package dev.coffeeshop.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a folder of {@code deploy/k8s} with {@code kubectl kustomize}, the way it is applied. kubectl (1.27 or newer,
 * which bundles kustomize 5) must be on the {@code PATH}, or named by the environment variable {@code KUBECTL}.
 */
final class Kustomize {

    /** The repository's root: surefire runs the tests in the deploy module's folder. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static final Path K8S = ROOT.resolve("deploy/k8s");

    private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {}

    /** The YAML stream {@code kubectl kustomize} writes for {@code folder}, rendered once per test run. */
    static String render(Path folder) {
        return RENDERED.computeIfAbsent(folder.toAbsolutePath().normalize(), f -> run(f, System.getenv()));
    }

    /** Renders {@code folder} with the kubectl that {@code environment} names (KUBECTL, else PATH). */
    static String run(Path folder, Map<String, String> environment) {
        String kubectl = kubectl(environment)
                .orElseThrow(() -> new AssertionError("kubectl not found: the Kubernetes manifests are checked as "
                        + "`kubectl kustomize` renders them. Install kubectl 1.27 or newer (it bundles kustomize 5) on "
                        + "the PATH, or point the environment variable KUBECTL at it; CI installs it."));
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl, "kustomize", folder.toString())
                        .redirectError(errors.toFile())
                        .start();
                process.getOutputStream().close();
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl kustomize " + folder + " did not finish within 60 s");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + folder + " failed (exit code " + process.exitValue()
                            + "):\n" + Files.readString(errors));
                }
                return new String(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + kubectl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + folder, e);
        }
    }

    private static Optional<String> kubectl(Map<String, String> environment) {
        String configured = environment.get("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured);
        }
        String path = environment.get("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            for (String name : new String[] {"kubectl", "kubectl.exe"}) {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }
}
