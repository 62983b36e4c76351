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
    private final List<List<String>> libraries;
    private final boolean sharedModules;
    private final Sbom sbom = Sbom.ofThisModule();

    /** The checks for one of the shop's services, which talk through Kafka, PostgreSQL and the shared modules. */
    protected SbomChecks(String service) {
        this(service, LIBRARIES_EVERY_SERVICE_TALKS_THROUGH, true);
    }

    /**
     * The checks for a service that talks through other {@code libraries} (group and artifact each), and uses the
     * shared modules or not.
     */
    protected SbomChecks(String service, List<List<String>> libraries, boolean sharedModules) {
        this.service = service;
        this.libraries = List.copyOf(libraries);
        this.sharedModules = sharedModules;
    }

    @Test
    void describesThisServiceInCycloneDx() {
        assertEquals("CycloneDX", sbom.format());
        assertEquals("1.6", sbom.specVersion());
        assertEquals(service, sbom.name());
    }

    @Test
    void listsTheLibrariesItTalksThroughAtTheVersionsItRunsWith() {
        for (List<String> library : libraries) {
            String coordinates = library.get(0) + ":" + library.get(1);
            Sbom.Component component = sbom.find(library.get(0), library.get(1))
                    .orElseThrow(() -> new AssertionError(coordinates + " is not in the SBOM"));
            String running = Sbom.versionOnClassPath(library.get(1))
                    .orElseThrow(() -> new AssertionError(coordinates + " is not on the class path"));
            assertEquals(running, component.version(), coordinates);
        }
        if (sharedModules) {
            assertTrue(sbom.find("dev.coffeeshop", "shared-events").isPresent(), "the shared modules are listed too");
        }
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
