package dev.coffeeshop.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules can fail: {@code broken/barista-worker.yaml} (test resources) holds one deliberate fault per rule, each
 * marked FAULT, and every one must come out of the same checks the overlays pass, in words that say what is wrong.
 */
class BrokenManifestTests {

    private static Coffeeshop coffeeshop;
    private static Manifests broken;

    @BeforeAll
    static void parseTheBrokenManifests() throws IOException {
        coffeeshop = Coffeeshop.load();
        try (InputStream in = BrokenManifestTests.class.getResourceAsStream("broken/barista-worker.yaml")) {
            broken = Manifests.parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), "broken/barista-worker.yaml");
        }
    }

    @Test
    void reportsUnknownFieldsUnknownKindsAndSchemaViolations() {
        // when
        List<String> problems = broken.problems();

        // then: fabric8's model, Strimzi's model, KEDA's CRD schema
        assertThat(problems)
                .contains(
                        "Deployment/barista-worker: unknown field spec.template.spec.securityContxt",
                        "KafkaTopic/coffeeshop.intake.cancellations: unknown field spec.partitons")
                .anySatisfy(
                        p -> assertThat(p).startsWith("ScaledObject/barista-worker: unknown field spec.minReplicaCont"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("ScaledObject/barista-worker: spec.triggers[0].metadata.lagThreshold must be a"
                                + " string"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("NetworkPolcy/default-deny: no model knows networking.k8s.io/v1 NetworkPolcy"));
    }

    @Test
    void reportsTopicsWithOtherPartitionsThanTheCodeExpectsMissingOnesAndStrangers() {
        // when
        List<String> violations = ManifestChecks.topics(broken, coffeeshop);

        // then
        assertThat(violations)
                .contains(
                        "KafkaTopic/coffeeshop.intake.orders: 3 partitions, the code expects 6 (Topics.ORDERS)",
                        "no KafkaTopic for coffeeshop.intake.orders.barista-worker.dlq (barista-worker's dead-letter"
                                + " topic)",
                        "no KafkaTopic for coffeeshop.barista.preparations (Topics.PREPARATIONS)",
                        "KafkaTopic/coffeeshop.intake.order: no service uses topic coffeeshop.intake.order",
                        "KafkaTopic/coffeeshop.intake.order: 3 replicas on 1 broker(s)");
    }

    @Test
    void reportsVariablesTheServiceDoesNotReadAndServiceLinks() {
        // when
        List<String> violations = ManifestChecks.environment(broken, coffeeshop);

        // then
        assertThat(violations)
                .contains(
                        "no Deployment runs order-intake",
                        "Deployment/barista-worker: container barista-worker is given JAVA_TOOL_OPTIONS, which"
                                + " barista-worker does not read (its application.yml and README's \"Configuration"
                                + " that matters\" list what it reads)")
                .anySatisfy(
                        v -> assertThat(v).startsWith("Deployment/barista-worker: enableServiceLinks is not false"));
    }

    @Test
    void reportsProbesOnPortsTheContainerDoesNotOpenOrTheWrongHealthGroup() {
        // when
        List<String> violations = ManifestChecks.ports(broken, coffeeshop);

        // then
        assertThat(violations)
                .contains(
                        "Deployment/barista-worker: container barista-worker: livenessProbe asks port htp, which the"
                                + " container does not open",
                        "Deployment/barista-worker: container barista-worker: readinessProbe asks /actuator/health"
                                + " instead of /readyz",
                        "Deployment/barista-worker: container barista-worker: probes ask port 8081 but the service"
                                + " listens on 8080 (SERVER_PORT)",
                        "Deployment/barista-worker: container barista-worker: the actuator listens on 9081, which is"
                                + " not among the container's ports as \"management\"");
    }

    @Test
    void reportsRootPrivilegesAndTokens() {
        // when
        List<String> violations = ManifestChecks.security(broken, coffeeshop);

        // then
        assertThat(violations)
                .contains(
                        "ServiceAccount/barista-worker: automountServiceAccountToken is not false",
                        "Deployment/barista-worker: container barista-worker: runAsNonRoot is not true",
                        "Deployment/barista-worker: container barista-worker: runAsUser is 0: it must name a non-root"
                                + " user",
                        "Deployment/barista-worker: container barista-worker: capabilities do not drop ALL",
                        "Deployment/barista-worker: container barista-worker: no seccompProfile RuntimeDefault",
                        "Deployment/barista-worker: container barista-worker: no cpu in resources.limits")
                .anySatisfy(v -> assertThat(v)
                        .startsWith("Deployment/barista-worker: container barista-worker: no emptyDir at /tmp"))
                .anySatisfy(v -> assertThat(v).startsWith("KafkaNodePool/dual-role: template.pod.securityContext"));
    }

    @Test
    void reportsSecretsWrittenIntoTheManifests() {
        // when
        List<String> violations = ManifestChecks.secrets(broken, false);

        // then
        assertThat(violations)
                .containsExactlyInAnyOrder(
                        "Secret/barista-worker-database holds data: here Secrets are only referenced, and created out"
                                + " of band",
                        "Deployment/barista-worker: container barista-worker sets DATABASE_PASSWORD to a literal value;"
                                + " reference a Secret (secretKeyRef)");
    }

    @Test
    void reportsAclsBeyondWhatTheCodeDoes() {
        // when
        List<String> violations = ManifestChecks.kafkaUsers(broken, coffeeshop);

        // then
        assertThat(violations)
                .contains(
                        "Kafka/coffeeshop: no simple authorization: the KafkaUsers' ACLs would not be enforced",
                        "Kafka/coffeeshop: no listener authenticates with scram-sha-512",
                        "Kafka/coffeeshop: listener plain takes no authentication: any pod it admits is a client no ACL"
                                + " limits",
                        "no KafkaUser for order-intake",
                        "KafkaUser/barista-worker: a rule for every topic named like coffeeshop.; name each topic",
                        "KafkaUser/barista-worker: [All] on topic coffeeshop., which none of its code needs")
                .anySatisfy(v -> assertThat(v)
                        .startsWith("KafkaUser/barista-worker: Write on [], but the service"
                                + " needs it on [topic coffeeshop.barista.preparations,"
                                + " topic coffeeshop.intake.cancellations.barista-worker.dlq,"));
    }

    @Test
    void reportsScalingBeyondThePartitionsAndBudgetsThatBlockDrains() {
        // when
        List<String> violations = ManifestChecks.scaling(broken, coffeeshop);

        // then
        assertThat(violations)
                .contains(
                        "ScaledObject/barista-worker: maxReplicaCount 6 above the 3 partitions of"
                                + " coffeeshop.intake.orders",
                        "ScaledObject/barista-worker: maxReplicaCount 6 x 3 consumers per pod of"
                                + " coffeeshop.intake.cancellations (its binding's concurrency) exceeds its 6"
                                + " partitions: the extra pods would only hold idle consumers",
                        "Deployment/barista-worker: replicas 2 and [ScaledObject/barista-worker]: every apply would"
                                + " reset the autoscaler's choice",
                        "PodDisruptionBudget/barista-worker: minAvailable 1 while Deployment/barista-worker may run 1"
                                + " replica(s): none could be evicted, node drains would block");
    }

    @Test
    void reportsMissingDefaultDenyOpenPortsAndUnguardedListeners() {
        // when
        List<String> violations = ManifestChecks.networkPolicies(broken, coffeeshop);

        // then
        assertThat(violations)
                .contains(
                        "NetworkPolicy for barista-worker: ingress allowed on ports [8081], expected [] (no Service:"
                                + " nothing calls it; kubelet probes need no rule)",
                        "NetworkPolicy for barista-worker: an egress rule open on every port",
                        "NetworkPolicy for barista-worker: no egress to the Kafka broker pods on 9092",
                        "Kafka/coffeeshop: listener plain names no networkPolicyPeers: Strimzi would open port 9092 to"
                                + " every pod of the cluster")
                .anySatisfy(v -> assertThat(v).startsWith("no default-deny NetworkPolicy"));
    }
}
