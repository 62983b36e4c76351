package dev.coffeeshop.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every service's SBOM must say, for a scanner to be able to use it: the service's name, the libraries it talks
 * through at exactly the versions it runs with, and a package URL and a hash for every component. A service's
 * {@code SbomTests} extends this with its name.
 */
public abstract class SbomChecks {

    private static final List<List<String>> LIBRARIES_EVERY_SERVICE_TALKS_THROUGH = List.of(
            List.of("org.apache.kafka", "kafka-clients"),
            List.of("org.postgresql", "postgresql"),
            List.of("org.springframework", "spring-core"),
            List.of("org.apache.tomcat.embed", "tomcat-embed-core"),
            List.of("tools.jackson.core", "jackson-databind"));

    private final String service;
    private final Sbom sbom = Sbom.ofThisModule();

    protected SbomChecks(String service) {
        this.service = service;
    }

    @Test
    void describesThisServiceInCycloneDx() {
        assertEquals("CycloneDX", sbom.format());
        assertEquals("1.6", sbom.specVersion());
        assertEquals(service, sbom.name());
    }

    @Test
    void listsTheLibrariesItTalksThroughAtTheVersionsItRunsWith() {
        for (List<String> library : LIBRARIES_EVERY_SERVICE_TALKS_THROUGH) {
            String coordinates = library.get(0) + ":" + library.get(1);
            Sbom.Component component = sbom.find(library.get(0), library.get(1))
                    .orElseThrow(() -> new AssertionError(coordinates + " is not in the SBOM"));
            String running = Sbom.versionOnClassPath(library.get(1))
                    .orElseThrow(() -> new AssertionError(coordinates + " is not on the class path"));
            assertEquals(running, component.version(), coordinates);
        }
        assertTrue(sbom.find("dev.coffeeshop", "shared-events").isPresent(), "the shared modules are listed too");
    }

    @Test
    void givesEveryComponentAPackageUrlAndAHash() {
        assertTrue(
                sbom.components().size() > 50,
                "components: " + sbom.components().size());
        for (Sbom.Component component : sbom.components()) {
            String purl = "pkg:maven/" + component.group() + "/" + component.name() + "@";
            assertTrue(component.purl().startsWith(purl), component.purl());
            assertTrue(component.sha256().isPresent(), "no SHA-256 for " + component.purl());
        }
    }
}
