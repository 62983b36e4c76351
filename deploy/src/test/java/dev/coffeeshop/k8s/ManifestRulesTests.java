package dev.coffeeshop.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every rule of {@link ManifestChecks} against what {@code kubectl kustomize} renders of the base and of each overlay,
 * and against the code's own description of the system (application.yml, README, {@code Topics}).
 */
class ManifestRulesTests {

    private static Coffeeshop coffeeshop;

    @BeforeAll
    static void readTheSystem() {
        coffeeshop = Coffeeshop.load();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void parsesEveryResourceIntoItsModelWithoutUnknownFields(Overlay overlay) {
        // given
        Manifests manifests = overlay.manifests();

        // when / then
        assertThat(manifests.all()).as(overlay + " renders resources").isNotEmpty();
        assertThat(manifests.problems()).as(overlay.toString()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void givesEveryTopicTheCodeUsesAKafkaTopicWithThePartitionsItExpects(Overlay overlay) {
        assertThat(ManifestChecks.topics(overlay.manifests(), coffeeshop))
                .as(overlay.toString())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void givesEachServiceOnlyEnvironmentVariablesItReads(Overlay overlay) {
        assertThat(ManifestChecks.environment(overlay.manifests(), coffeeshop))
                .as(overlay.toString())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void probesAndServicesUsePortsTheContainersOpen(Overlay overlay) {
        assertThat(ManifestChecks.ports(overlay.manifests(), coffeeshop))
                .as(overlay.toString())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void runsEveryPodAsAnUnprivilegedNonRootUser(Overlay overlay) {
        assertThat(ManifestChecks.security(overlay.manifests(), coffeeshop))
                .as(overlay.toString())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void keepsSecretsOutOfTheManifests(Overlay overlay) {
        assertThat(ManifestChecks.secrets(overlay.manifests(), overlay.devSecrets()))
                .as(overlay.toString())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void grantsEachKafkaUserExactlyWhatItsCodeDoes(Overlay overlay) {
        assertThat(ManifestChecks.kafkaUsers(overlay.manifests(), coffeeshop))
                .as(overlay.toString())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void scalesEachServiceOneWayAndNeverBeyondItsPartitions(Overlay overlay) {
        assertThat(ManifestChecks.scaling(overlay.manifests(), coffeeshop))
                .as(overlay.toString())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void letsEachPodTalkOnlyToWhatItNeeds(Overlay overlay) {
        assertThat(ManifestChecks.networkPolicies(overlay.manifests(), coffeeshop))
                .as(overlay.toString())
                .isEmpty();
    }
}
