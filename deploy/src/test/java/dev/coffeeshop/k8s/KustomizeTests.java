package dev.coffeeshop.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KustomizeTests {

    @Test
    void saysWhatIsMissingWhenNoKubectlIsFound() {
        // given: a PATH without kubectl, no KUBECTL
        Map<String, String> environment = Map.of("PATH", "/nonexistent");

        // when / then
        assertThatThrownBy(() -> Kustomize.run(Overlay.BASE.path(), environment))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("kubectl not found")
                .hasMessageContaining("kubectl 1.27 or newer")
                .hasMessageContaining("KUBECTL");
    }

    @Test
    void reportsKustomizesOwnErrorForAFolderItCannotRender() {
        // given
        Path notAKustomization = Kustomize.K8S.resolve("base/kafka");

        // when / then
        assertThatThrownBy(() -> Kustomize.run(notAKustomization, System.getenv()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("kubectl kustomize " + notAKustomization + " failed");
    }

    @Test
    void rendersAFolderAsAYamlStream() {
        // when
        String yaml = Kustomize.render(Overlay.BASE.path());

        // then
        assertThat(yaml).contains("kind: Deployment").contains("\n---\n");
    }
}
