package dev.coffeeshop.barista;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.testsupport.Sbom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SBOM the build puts into the jar names this service and everything it runs with, as a scanner needs it. */
class SbomTests {

    private final Sbom sbom = Sbom.ofThisModule();

    @Test
    void describesThisServiceInCycloneDx() {
        assertThat(sbom.format()).isEqualTo("CycloneDX");
        assertThat(sbom.specVersion()).isEqualTo("1.6");
        assertThat(sbom.name()).isEqualTo("barista-worker");
    }

    @Test
    void listsTheLibrariesItTalksThroughAtTheVersionsItRunsWith() {
        for (List<String> library : List.of(
                List.of("org.apache.kafka", "kafka-clients"),
                List.of("org.postgresql", "postgresql"),
                List.of("org.springframework", "spring-core"),
                List.of("org.apache.tomcat.embed", "tomcat-embed-core"),
                List.of("tools.jackson.core", "jackson-databind"))) {
            String group = library.get(0);
            String name = library.get(1);
            assertThat(sbom.find(group, name)).as(group + ":" + name).hasValueSatisfying(component -> assertThat(
                            component.version())
                    .isEqualTo(Sbom.versionOnClassPath(name).orElseThrow()));
        }
        assertThat(sbom.find("dev.coffeeshop", "shared-events"))
                .as("the shared modules too")
                .isPresent();
    }

    @Test
    void givesEveryComponentAPackageUrlAndAHash() {
        assertThat(sbom.components()).hasSizeGreaterThan(50).allSatisfy(component -> {
            assertThat(component.purl()).startsWith("pkg:maven/" + component.group() + "/" + component.name() + "@");
            assertThat(component.sha256()).as(component.purl()).isPresent();
        });
    }
}
