package dev.coffeeshop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's software bill of materials as its build wrote it into the jar ({@code META-INF/sbom/application.cdx.json},
 * CycloneDX JSON, by the cyclonedx-maven-plugin with Spring Boot's configuration), checked against what the service
 * really runs with: its test class path, which holds the same libraries at the same versions as its jar.
 */
public record Sbom(String format, String specVersion, String name, List<Component> components) {

    public static final String LOCATION = "META-INF/sbom/application.cdx.json";

    /** One library: Maven coordinates, its package URL and the SHA-256 a vulnerability scanner matches on. */
    public record Component(String group, String name, String version, String purl, Optional<String> sha256) {}

    /** The SBOM on this JVM's class path: the one the build wrote for the module under test. */
    public static Sbom ofThisModule() {
        if ("offline=true".equals(System.getProperty("coffeeshop.build"))) {
            throw new TestAbortedException("an offline build (mvn -o) writes no SBOM: the cyclonedx plugin runs only"
                    + " online; an online build checks it");
        }
        try (InputStream in = Sbom.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new AssertionError(LOCATION + " is not on the class path: the build did not write the SBOM"
                        + " (cyclonedx-maven-plugin in the module's pom)");
            }
            JsonNode bom = JsonMapper.builder().build().readTree(in);
            var components = new ArrayList<Component>();
            for (JsonNode component : bom.path("components")) {
                Optional<String> sha256 = Optional.empty();
                for (JsonNode hash : component.path("hashes")) {
                    if ("SHA-256".equals(hash.path("alg").asString())) {
                        sha256 = Optional.of(hash.path("content").asString());
                    }
                }
                components.add(new Component(
                        component.path("group").asString(),
                        component.path("name").asString(),
                        component.path("version").asString(),
                        component.path("purl").asString(),
                        sha256));
            }
            return new Sbom(
                    bom.path("bomFormat").asString(),
                    bom.path("specVersion").asString(),
                    bom.path("metadata").path("component").path("name").asString(),
                    List.copyOf(components));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The component with these coordinates, if listed. */
    public Optional<Component> find(String group, String name) {
        return components.stream()
                .filter(c -> c.group().equals(group) && c.name().equals(name))
                .findFirst();
    }

    /**
     * The version of {@code artifactId} on this JVM's class path, from its jar's file name
     * ({@code artifactId-version.jar}); empty when no such jar is on it.
     */
    public static Optional<String> versionOnClassPath(String artifactId) {
        Pattern jar = Pattern.compile(Pattern.quote(artifactId) + "-(\\d[^/]*)\\.jar");
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Matcher matcher = jar.matcher(Path.of(entry).getFileName().toString());
            if (matcher.matches()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }
}
