package dev.coffeeshop.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.local.stack.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What sets the base and each overlay apart: sizes, replication, autoscaling, where Secrets come from. */
class OverlayTests {

    @Nested
    class Base {

        private final Manifests base = Overlay.BASE.manifests();

        @Test
        void scalesTheIntakeOnCpuAndTheConsumersOnLagTheNotificationServiceDownToZero() {
            // given
            HorizontalPodAutoscaler intake =
                    base.model(HorizontalPodAutoscaler.class, "order-intake").orElseThrow();

            // when
            Map<String, Object> barista =
                    base.find("ScaledObject", "barista-worker").orElseThrow().map("spec");
            Map<String, Object> notification = base.find("ScaledObject", "notification-service")
                    .orElseThrow()
                    .map("spec");

            // then
            assertThat(intake.getSpec().getMetrics()).singleElement().satisfies(metric -> assertThat(
                            metric.getResource().getName())
                    .isEqualTo("cpu"));
            assertThat(ManifestChecks.list(barista.get("triggers")))
                    .allSatisfy(t -> assertThat(ManifestChecks.map(t)).containsEntry("type", "kafka"));
            assertThat(notification).containsEntry("minReplicaCount", 0);
            assertThat(ManifestChecks.list(notification.get("triggers")))
                    .allSatisfy(t -> assertThat(ManifestChecks.map(t)).containsEntry("type", "kafka"));
        }

        @Test
        void enforcesTheRestrictedPodSecurityLevelOnTheNamespace() {
            // when
            Namespace namespace = base.model(Namespace.class, "coffeeshop").orElseThrow();

            // then
            assertThat(namespace.getMetadata().getLabels())
                    .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
            assertThat(base.all())
                    .filteredOn(m -> !m.kind().equals("Namespace"))
                    .allSatisfy(m -> assertThat(ManifestChecks.map(m.raw().get("metadata")))
                            .containsEntry("namespace", "coffeeshop"));
        }

        @Test
        void referencesEverySecretByNameOnly() {
            // when
            List<Secret> secrets = base.models(Secret.class);

            // then
            assertThat(secrets).isEmpty();
        }
    }

    @Nested
    class Local {

        private final Manifests local = Overlay.LOCAL.manifests();

        @Test
        void runsOneReplicaOfEachServiceWithoutAutoscalers() {
            // when
            List<Deployment> deployments = local.models(Deployment.class);

            // then
            assertThat(deployments)
                    .hasSize(Service.values().length + 1)
                    .anySatisfy(d -> assertThat(d.getMetadata().getName()).isEqualTo("identity-provider"));
            assertThat(deployments)
                    .allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(1));
            assertThat(local.kinds())
                    .doesNotContain("HorizontalPodAutoscaler", "ScaledObject", "TriggerAuthentication");
        }

        @Test
        void runsOneKafkaNodeAndReplicatesNothing() {
            // when
            int brokers = ManifestChecks.brokers(local);
            Kafka kafka = local.model(Kafka.class, "coffeeshop").orElseThrow();

            // then
            assertThat(brokers).isEqualTo(1);
            assertThat(kafka.getSpec().getKafka().getConfig())
                    .containsEntry("default.replication.factor", 1)
                    .containsEntry("min.insync.replicas", 1)
                    .containsEntry("offsets.topic.replication.factor", 1);
            assertThat(local.models(KafkaTopic.class)).allSatisfy(topic -> {
                assertThat(topic.getSpec().getReplicas()).isEqualTo(1);
                assertThat(topic.getSpec().getConfig()).containsEntry("min.insync.replicas", 1);
            });
        }

        @Test
        void runsPostgres17WithTheDatabasesOfDeployPostgresInitSql() throws IOException {
            // given
            StatefulSet postgres = local.model(StatefulSet.class, "postgres").orElseThrow();
            String initSql = Files.readString(Kustomize.ROOT.resolve("deploy/postgres/init.sql"));

            // when
            String copy = Files.readString(Kustomize.K8S.resolve("overlays/local/postgres/init.sql"));

            // then: kustomize reads no file outside the overlay, so it keeps a copy, which must not drift
            assertThat(postgres.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getImage())
                    .isEqualTo("postgres:17");
            assertThat(copy).isEqualTo(initSql);
        }

        @Test
        void givesEachServiceItsOwnDatabaseAndTheUserInitSqlCreates() throws IOException {
            // given
            String initSql = Files.readString(Kustomize.ROOT.resolve("deploy/postgres/init.sql"));

            for (Service service : Service.values()) {
                // when
                Map<String, String> secret = secretOf(service.moduleName(), "DATABASE_URL");

                // then
                assertThat(secret.get("url")).isEqualTo("jdbc:postgresql://postgres:5432/" + service.database());
                assertThat(initSql)
                        .contains("CREATE USER " + secret.get("username") + " WITH PASSWORD '" + secret.get("password")
                                + "';")
                        .contains("CREATE DATABASE " + service.database() + " OWNER " + secret.get("username") + ";");
            }
        }

        @Test
        void marksEveryGeneratedSecretDevOnly() {
            // when
            List<Secret> secrets = local.models(Secret.class);

            // then
            assertThat(secrets).isNotEmpty().allSatisfy(secret -> assertThat(
                            secret.getMetadata().getAnnotations())
                    .containsKey(ManifestChecks.DEV_ONLY_ANNOTATION));
        }

        /** The decoded data of the Secret the service's {@code variable} comes from. */
        private Map<String, String> secretOf(String module, String variable) {
            Deployment deployment = local.model(Deployment.class, module).orElseThrow();
            Container container =
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            String name = container.getEnv().stream()
                    .filter(v -> v.getName().equals(variable))
                    .findFirst()
                    .orElseThrow()
                    .getValueFrom()
                    .getSecretKeyRef()
                    .getName();
            Secret secret = local.model(Secret.class, name).orElseThrow();
            return secret.getData().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(
                            Map.Entry::getKey,
                            e -> new String(Base64.getDecoder().decode(e.getValue()), StandardCharsets.UTF_8)));
        }
    }

    @Nested
    class Production {

        private final Manifests production = Overlay.PRODUCTION.manifests();

        @Test
        void runsThreeBrokersReplicatingEveryTopicThreeTimesWithTwoInSync() {
            // when
            int brokers = ManifestChecks.brokers(production);
            Kafka kafka = production.model(Kafka.class, "coffeeshop").orElseThrow();

            // then
            assertThat(brokers).isEqualTo(3);
            assertThat(kafka.getSpec().getKafka().getConfig())
                    .containsEntry("default.replication.factor", 3)
                    .containsEntry("min.insync.replicas", 2)
                    .containsEntry("transaction.state.log.replication.factor", 3)
                    .containsEntry("offsets.topic.replication.factor", 3);
            assertThat(production.models(KafkaTopic.class)).allSatisfy(topic -> {
                assertThat(topic.getSpec().getReplicas()).isEqualTo(3);
                assertThat(topic.getSpec().getConfig()).containsEntry("min.insync.replicas", 2);
            });
        }

        @Test
        void keepsTwoIntakesAndOneBaristaThroughNodeDrains() {
            // when
            HorizontalPodAutoscaler intake = production
                    .model(HorizontalPodAutoscaler.class, "order-intake")
                    .orElseThrow();
            Map<String, Object> barista = production
                    .find("ScaledObject", "barista-worker")
                    .orElseThrow()
                    .map("spec");

            // then
            assertThat(intake.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
            assertThat(minAvailable("order-intake")).isEqualTo(2);
            assertThat(barista).containsEntry("minReplicaCount", 2);
            assertThat(minAvailable("barista-worker")).isEqualTo(1);
        }

        @Test
        void runsReleasedImagesAndNoSnapshot() {
            // when
            List<String> images = production.models(Deployment.class).stream()
                    .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
                    .map(Container::getImage)
                    .toList();

            // then
            // the services and the identity provider
            assertThat(images).hasSize(Service.values().length + 1).allSatisfy(image -> assertThat(image)
                    .doesNotContain("SNAPSHOT")
                    .doesNotEndWith(":latest")
                    .containsPattern(":\\d+\\.\\d+\\.\\d+$|@sha256:[0-9a-f]{64}$"));
        }

        @Test
        void containsNoSecretAtAll() {
            // when
            List<Secret> secrets = production.models(Secret.class);

            // then: the databases' and the services' Secrets are created out of band
            assertThat(secrets).isEmpty();
        }

        private Integer minAvailable(String name) {
            return production
                    .model(PodDisruptionBudget.class, name)
                    .orElseThrow()
                    .getSpec()
                    .getMinAvailable()
                    .getIntVal();
        }
    }
}
