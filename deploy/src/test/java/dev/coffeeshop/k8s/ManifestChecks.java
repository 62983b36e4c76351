package dev.coffeeshop.k8s;

import static dev.coffeeshop.k8s.Coffeeshop.BOOTSTRAP_SERVICE;
import static dev.coffeeshop.k8s.Coffeeshop.BROKER_POD_LABELS;
import static dev.coffeeshop.k8s.Coffeeshop.ENTITY_OPERATOR_POD_LABELS;
import static dev.coffeeshop.k8s.Coffeeshop.KAFKA_CLUSTER;
import static dev.coffeeshop.k8s.Coffeeshop.POSTGRES_PORT;

import dev.coffeeshop.events.KafkaAccess;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.common.template.ContainerTemplate;
import io.strimzi.api.kafka.model.common.template.PodTemplate;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.entityoperator.EntityOperatorTemplate;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules the rendered manifests must keep, each a function from the resources (and what the code says of the
 * system) to the violations found, one readable message each, naming the resource. An empty list means the rule
 * holds. The same functions judge the real overlays and, in {@code BrokenManifestTests}, manifests broken on purpose.
 */
final class ManifestChecks {

    /** The user id the service images run as (non-root; the Dockerfile's user, fixed to this id). */
    static final long SERVICE_UID = 10001L;

    static final String DEV_ONLY_ANNOTATION = "coffeeshop/dev-only";

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|KEY).*");
    private static final Set<String> PRIVATE_RANGES =
            Set.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8");

    private ManifestChecks() {}

    // ---------------------------------------------------------------------------------------------------- topics

    /**
     * Every topic of {@code Topics} and every dead-letter topic of the services has a KafkaTopic with the partitions the
     * code expects; every KafkaTopic is one the system uses; replication fits the brokers and survives the loss of one.
     */
    static List<String> topics(Manifests manifests, Coffeeshop coffeeshop) {
        var violations = new ArrayList<String>();
        Optional<Kafka> kafka = manifests.model(Kafka.class, KAFKA_CLUSTER);
        if (kafka.isEmpty()) {
            return List.of("no Kafka resource named " + KAFKA_CLUSTER + ": the services' bootstrap Service, "
                    + BOOTSTRAP_SERVICE + ", would not exist");
        }
        Map<String, Object> config = orEmpty(kafka.get().getSpec().getKafka().getConfig());
        int brokers = brokers(manifests);
        var byTopic = new LinkedHashMap<String, KafkaTopic>();
        for (KafkaTopic topic : manifests.models(KafkaTopic.class)) {
            byTopic.put(topicName(topic), topic);
        }
        coffeeshop.expectedTopics().forEach((name, expected) -> {
            KafkaTopic topic = byTopic.get(name);
            if (topic == null) {
                violations.add("no KafkaTopic for " + name + " (" + expected.source() + ")");
            } else if (!Objects.equals(topic.getSpec().getPartitions(), expected.partitions())) {
                violations.add("KafkaTopic/" + topic.getMetadata().getName() + ": "
                        + topic.getSpec().getPartitions() + " partitions, the code expects " + expected.partitions()
                        + " (" + expected.source() + ")");
            }
        });
        int defaultReplication = number(config.get("default.replication.factor"), 1);
        int defaultMinIsr = number(config.get("min.insync.replicas"), 1);
        for (var entry : byTopic.entrySet()) {
            KafkaTopic topic = entry.getValue();
            String id = "KafkaTopic/" + topic.getMetadata().getName();
            if (!coffeeshop.expectedTopics().containsKey(entry.getKey())) {
                violations.add(id + ": no service uses topic " + entry.getKey());
            }
            if (!KAFKA_CLUSTER.equals(label(topic.getMetadata().getLabels(), "strimzi.io/cluster"))) {
                violations.add(id + ": not labelled strimzi.io/cluster: " + KAFKA_CLUSTER
                        + ", so no topic operator creates it");
            }
            int replicas =
                    topic.getSpec().getReplicas() != null ? topic.getSpec().getReplicas() : defaultReplication;
            int minIsr = number(orEmpty(topic.getSpec().getConfig()).get("min.insync.replicas"), defaultMinIsr);
            violations.addAll(replication(id, replicas, minIsr, brokers));
        }
        violations.addAll(replication(
                "Kafka/" + KAFKA_CLUSTER + " (default.replication.factor, min.insync.replicas)",
                defaultReplication,
                defaultMinIsr,
                brokers));
        violations.addAll(replication(
                "Kafka/" + KAFKA_CLUSTER + " (transaction.state.log.replication.factor, transaction.state.log.min.isr)",
                number(config.get("transaction.state.log.replication.factor"), 3),
                number(config.get("transaction.state.log.min.isr"), 2),
                brokers));
        int offsets = number(config.get("offsets.topic.replication.factor"), 3);
        if (offsets > brokers) {
            violations.add("Kafka/" + KAFKA_CLUSTER + ": offsets.topic.replication.factor " + offsets + " on " + brokers
                    + " broker(s): consumer groups could not commit");
        }
        return violations;
    }

    private static List<String> replication(String id, int replicas, int minIsr, int brokers) {
        var violations = new ArrayList<String>();
        if (replicas > brokers) {
            violations.add(id + ": " + replicas + " replicas on " + brokers + " broker(s)");
        }
        if (minIsr > replicas) {
            violations.add(id + ": min.insync.replicas " + minIsr + " above its " + replicas
                    + " replicas: no write with acks=all could succeed");
        } else if (replicas > 1 && minIsr >= replicas) {
            violations.add(id + ": min.insync.replicas " + minIsr + " of " + replicas
                    + " replicas: one broker down stops every producer with acks=all");
        } else if (replicas >= 3 && minIsr < 2) {
            violations.add(id + ": min.insync.replicas " + minIsr + " of " + replicas
                    + " replicas: an acknowledged record may live on one broker only");
        }
        return violations;
    }

    /** The brokers of the cluster: replicas of its node pools with the broker role. */
    static int brokers(Manifests manifests) {
        return manifests.models(KafkaNodePool.class).stream()
                .filter(pool -> KAFKA_CLUSTER.equals(label(pool.getMetadata().getLabels(), "strimzi.io/cluster")))
                .filter(pool -> pool.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(pool -> pool.getSpec().getReplicas())
                .sum();
    }

    static String topicName(KafkaTopic topic) {
        return topic.getSpec().getTopicName() != null
                ? topic.getSpec().getTopicName()
                : topic.getMetadata().getName();
    }

    // ----------------------------------------------------------------------------------------------- environment

    /**
     * Every service runs in a Deployment whose container gets only variables the service reads (its application.yml's
     * placeholders and README's configuration table), at least its connection settings, by name (no envFrom, no
     * service links), with the Kafka bootstrap address of a listener it can use.
     */
    static List<String> environment(Manifests manifests, Coffeeshop coffeeshop) {
        var violations = new ArrayList<String>();
        for (ServiceConfiguration service : coffeeshop.services().values()) {
            String module = service.service().moduleName();
            Optional<Workload> found = serviceWorkload(manifests, module);
            if (found.isEmpty()) {
                violations.add("no Deployment runs " + module);
                continue;
            }
            Workload workload = found.get();
            if (!Boolean.FALSE.equals(workload.pod().getEnableServiceLinks())) {
                violations.add(workload.id() + ": enableServiceLinks is not false: Kubernetes would add variables for"
                        + " every Service of the namespace (COFFEESHOP_KAFKA_BOOTSTRAP_PORT among them), which "
                        + module + " does not read");
            }
            Container container = serviceContainer(workload, module);
            if (container == null) {
                violations.add(workload.id() + ": no container named " + module);
                continue;
            }
            if (container.getEnvFrom() != null && !container.getEnvFrom().isEmpty()) {
                violations.add(workload.id() + ": container " + module + " takes envFrom, so which variables it"
                        + " gets cannot be checked; name each in env");
            }
            Set<String> read = coffeeshop.variablesReadBy(service);
            var given = new TreeSet<String>();
            for (EnvVar variable : orEmpty(container.getEnv())) {
                if (!given.add(variable.getName())) {
                    violations.add(
                            workload.id() + ": container " + module + " is given " + variable.getName() + " twice");
                }
                if (!read.contains(variable.getName())) {
                    violations.add(workload.id() + ": container " + module + " is given " + variable.getName()
                            + ", which " + module + " does not read (its application.yml and README's"
                            + " \"Configuration that matters\" list what it reads)");
                }
            }
            for (String required : List.of(
                    "SERVER_PORT",
                    "KAFKA_BOOTSTRAP_SERVERS",
                    "DATABASE_URL",
                    "DATABASE_USERNAME",
                    "DATABASE_PASSWORD")) {
                if (!given.contains(required)) {
                    violations.add(workload.id() + ": container " + module + " is not given " + required);
                }
            }
            String bootstrap = value(container, "KAFKA_BOOTSTRAP_SERVERS");
            if (bootstrap != null) {
                Optional<GenericKafkaListener> listener = listenerAt(manifests, bootstrap);
                if (listener.isEmpty()) {
                    violations.add(workload.id() + ": KAFKA_BOOTSTRAP_SERVERS " + bootstrap + " is not "
                            + BOOTSTRAP_SERVICE + " on a port of a listener of Kafka/" + KAFKA_CLUSTER);
                } else {
                    violations.addAll(kafkaCredentials(workload, container, module, listener.get()));
                }
            }
        }
        return violations;
    }

    /**
     * On a listener with SCRAM, the service connects as its own KafkaUser: {@code KAFKA_USERNAME} its name,
     * {@code KAFKA_PASSWORD} from the Secret the User Operator makes for that user; on a TLS listener with
     * {@code SASL_SSL}, trusting the certificates {@code KAFKA_TRUSTED_CERTIFICATES} names.
     */
    private static List<String> kafkaCredentials(
            Workload workload, Container container, String module, GenericKafkaListener listener) {
        var violations = new ArrayList<String>();
        String where = workload.id() + ": listener " + listener.getName();
        if (!(listener.getAuth() instanceof KafkaListenerAuthenticationScramSha512)) {
            violations.add(where + " does not authenticate with scram-sha-512, and " + module
                    + "'s Kafka clients use SCRAM-SHA-512 only");
            return violations;
        }
        if (!module.equals(value(container, "KAFKA_USERNAME"))) {
            violations.add(where + ": KAFKA_USERNAME is not " + module + ", its own KafkaUser");
        }
        EnvVar password = orEmpty(container.getEnv()).stream()
                .filter(v -> v.getName().equals("KAFKA_PASSWORD"))
                .findFirst()
                .orElse(null);
        boolean fromUsersSecret = password != null
                && password.getValueFrom() != null
                && password.getValueFrom().getSecretKeyRef() != null
                && module.equals(password.getValueFrom().getSecretKeyRef().getName())
                && "password".equals(password.getValueFrom().getSecretKeyRef().getKey());
        if (!fromUsersSecret) {
            violations.add(where + ": KAFKA_PASSWORD is not the key password of the Secret " + module
                    + ", which the User Operator makes for its KafkaUser");
        }
        String protocol = listener.isTls() ? "SASL_SSL" : "SASL_PLAINTEXT";
        String given = value(container, "KAFKA_SECURITY_PROTOCOL");
        if (!protocol.equals(given == null ? "SASL_PLAINTEXT" : given)) {
            violations.add(where + ": KAFKA_SECURITY_PROTOCOL " + given + ", but the listener needs " + protocol);
        }
        if (listener.isTls() && value(container, "KAFKA_TRUSTED_CERTIFICATES") == null) {
            violations.add(where + " speaks TLS, and KAFKA_TRUSTED_CERTIFICATES names no CA certificate to trust");
        }
        return violations;
    }

    /** The Kafka listener behind {@code bootstrap}, {@code host:port} of the cluster's bootstrap Service. */
    static Optional<GenericKafkaListener> listenerAt(Manifests manifests, String bootstrap) {
        int colon = bootstrap.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String host = bootstrap.substring(0, colon);
        if (!(host.equals(BOOTSTRAP_SERVICE) || host.startsWith(BOOTSTRAP_SERVICE + "."))) {
            return Optional.empty();
        }
        int port;
        try {
            port = Integer.parseInt(bootstrap.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return manifests.model(Kafka.class, KAFKA_CLUSTER).stream()
                .flatMap(kafka -> orEmpty(kafka.getSpec().getKafka().getListeners()).stream())
                .filter(listener -> listener.getPort() == port)
                .findFirst();
    }

    // ------------------------------------------------------------------------------------------- ports and probes

    /**
     * Every probe asks a port its container opens; the services' probes ask the liveness and readiness groups on the
     * public port SERVER_PORT names ({@code /livez}, {@code /readyz}: they prove the server customers use answers),
     * and the container opens the management port MANAGEMENT_SERVER_PORT names too, for metrics; every Service selects
     * pods and targets a port they open.
     */
    static List<String> ports(Manifests manifests, Coffeeshop coffeeshop) {
        var violations = new ArrayList<String>();
        for (Workload workload : Workload.of(manifests)) {
            for (Container container : workload.containers()) {
                String where = workload.id() + ": container " + container.getName();
                var probes = new LinkedHashMap<String, Probe>();
                probes.put("startupProbe", container.getStartupProbe());
                probes.put("livenessProbe", container.getLivenessProbe());
                probes.put("readinessProbe", container.getReadinessProbe());
                var probePorts = new TreeSet<Integer>();
                probes.forEach((kind, probe) -> {
                    IntOrString port = probe == null
                            ? null
                            : probe.getHttpGet() != null
                                    ? probe.getHttpGet().getPort()
                                    : probe.getTcpSocket() != null
                                            ? probe.getTcpSocket().getPort()
                                            : null;
                    if (port == null) {
                        return;
                    }
                    Integer number = resolve(port, container);
                    if (number == null) {
                        violations.add(where + ": " + kind + " asks port " + text(port)
                                + ", which the container does not open");
                    } else {
                        probePorts.add(number);
                    }
                });
                Optional<ServiceConfiguration> service = coffeeshop.service(workload.app());
                if (service.isEmpty() || !container.getName().equals(workload.app())) {
                    continue;
                }
                checkProbe(where, "startupProbe", probes.get("startupProbe"), "/livez", violations);
                checkProbe(where, "livenessProbe", probes.get("livenessProbe"), "/livez", violations);
                checkProbe(where, "readinessProbe", probes.get("readinessProbe"), "/readyz", violations);
                String serverPort = value(container, "SERVER_PORT");
                int listens = serverPort != null
                        ? parse(serverPort, -1)
                        : service.get().serverPort();
                for (int port : probePorts) {
                    if (port != listens) {
                        violations.add(where + ": probes ask port " + port + " but the service listens on " + listens
                                + (serverPort != null ? " (SERVER_PORT)" : " (its default; no SERVER_PORT)"));
                    }
                }
                boolean opens = orEmpty(container.getPorts()).stream()
                        .anyMatch(p -> Objects.equals(p.getContainerPort(), listens));
                if (!opens) {
                    violations.add(where + ": the service listens on " + listens
                            + ", which is not among the container's ports");
                }
                String managementPort = value(container, "MANAGEMENT_SERVER_PORT");
                int management = managementPort != null
                        ? parse(managementPort, -1)
                        : service.get().managementPort();
                boolean opensManagement = orEmpty(container.getPorts()).stream()
                        .anyMatch(p ->
                                Objects.equals(p.getContainerPort(), management) && "management".equals(p.getName()));
                if (!opensManagement) {
                    violations.add(where + ": the actuator listens on " + management
                            + ", which is not among the container's ports as \"management\"");
                }
            }
        }
        for (Service service : manifests.models(Service.class)) {
            String id = "Service/" + service.getMetadata().getName();
            List<Workload> selected = Workload.of(manifests).stream()
                    .filter(w -> Selectors.matches(service.getSpec().getSelector(), w.labels()))
                    .toList();
            if (selected.isEmpty()) {
                violations.add(id + ": selects no pods");
            }
            for (ServicePort port : orEmpty(service.getSpec().getPorts())) {
                IntOrString target =
                        port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                for (Workload workload : selected) {
                    boolean opened = workload.containers().stream().anyMatch(c -> resolve(target, c) != null);
                    if (!opened) {
                        violations.add(id + ": port " + port.getName() + " targets " + text(target) + ", which "
                                + workload.id() + " does not open");
                    }
                }
            }
        }
        return violations;
    }

    private static void checkProbe(String where, String kind, Probe probe, String path, List<String> violations) {
        if (probe == null) {
            violations.add(where + ": no " + kind);
        } else if (probe.getHttpGet() == null) {
            violations.add(where + ": " + kind + " is no HTTP check of " + path);
        } else if (!path.equals(probe.getHttpGet().getPath())) {
            violations.add(where + ": " + kind + " asks " + probe.getHttpGet().getPath() + " instead of " + path);
        }
    }

    /** The number of a container port a probe or Service names, by name or number; null if the container lacks it. */
    private static Integer resolve(IntOrString port, Container container) {
        for (ContainerPort declared : orEmpty(container.getPorts())) {
            if (port.getStrVal() != null && port.getStrVal().equals(declared.getName())) {
                return declared.getContainerPort();
            }
            if (port.getIntVal() != null && port.getIntVal().equals(declared.getContainerPort())) {
                return declared.getContainerPort();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------- security

    /**
     * Every pod runs as a non-root user (the services as uid 10001), without privileges, capabilities, writable root
     * file system or service-account token, under the runtime's seccomp profile, with requests and limits and a
     * pinned image; every ServiceAccount disables token automount; Strimzi's pods get the same through their templates.
     */
    static List<String> security(Manifests manifests, Coffeeshop coffeeshop) {
        var violations = new ArrayList<String>();
        Set<String> accounts = manifests.models(ServiceAccount.class).stream()
                .map(a -> a.getMetadata().getName())
                .collect(Collectors.toSet());
        for (ServiceAccount account : manifests.models(ServiceAccount.class)) {
            if (!Boolean.FALSE.equals(account.getAutomountServiceAccountToken())) {
                violations.add("ServiceAccount/" + account.getMetadata().getName()
                        + ": automountServiceAccountToken is not false");
            }
        }
        for (Workload workload : Workload.of(manifests)) {
            PodSpec pod = workload.pod();
            PodSecurityContext podContext = pod.getSecurityContext();
            String id = workload.id();
            boolean isService = coffeeshop.service(workload.app()).isPresent();
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                violations.add(id + ": automountServiceAccountToken is not false: its pods would get an API token");
            }
            if (pod.getServiceAccountName() == null
                    || pod.getServiceAccountName().equals("default")) {
                violations.add(id + ": runs as the namespace's default ServiceAccount; give it its own");
            } else if (!accounts.contains(pod.getServiceAccountName())) {
                violations.add(id + ": its ServiceAccount " + pod.getServiceAccountName() + " is not in the manifests");
            }
            if (Boolean.TRUE.equals(pod.getHostNetwork())
                    || Boolean.TRUE.equals(pod.getHostPID())
                    || Boolean.TRUE.equals(pod.getHostIPC())) {
                violations.add(id + ": shares the node's network, process or IPC namespace");
            }
            for (Container container : workload.containers()) {
                String where = id + ": container " + container.getName();
                SecurityContext context = container.getSecurityContext();
                Boolean nonRoot = first(
                        context == null ? null : context.getRunAsNonRoot(),
                        podContext == null ? null : podContext.getRunAsNonRoot());
                Long user = first(
                        context == null ? null : context.getRunAsUser(),
                        podContext == null ? null : podContext.getRunAsUser());
                if (!Boolean.TRUE.equals(nonRoot)) {
                    violations.add(where + ": runAsNonRoot is not true");
                }
                if (user == null || user == 0L) {
                    violations.add(where + ": runAsUser is " + user + ": it must name a non-root user");
                } else if (isService && user != SERVICE_UID) {
                    violations.add(where + ": runAsUser is " + user + ", not the services' " + SERVICE_UID);
                }
                violations.addAll(containerContext(where, context));
                SeccompProfile seccomp = first(
                        context == null ? null : context.getSeccompProfile(),
                        podContext == null ? null : podContext.getSeccompProfile());
                if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
                    violations.add(where + ": no seccompProfile RuntimeDefault");
                }
                var resources = container.getResources();
                for (String kind : List.of("requests", "limits")) {
                    var amounts = resources == null
                            ? null
                            : kind.equals("requests") ? resources.getRequests() : resources.getLimits();
                    for (String resource : List.of("cpu", "memory")) {
                        if (amounts == null || !amounts.containsKey(resource)) {
                            violations.add(where + ": no " + resource + " in resources." + kind);
                        }
                    }
                }
                String image = container.getImage();
                String tag = image == null ? "" : image.substring(image.lastIndexOf('/') + 1);
                if (image == null || !(tag.contains(":") || image.contains("@sha256:")) || tag.endsWith(":latest")) {
                    violations.add(where + ": image " + image + " names no version (a tag other than latest, or a"
                            + " digest)");
                }
                if (isService && !mountsEmptyDir(container, pod, "/tmp")) {
                    violations.add(where + ": no emptyDir at /tmp, the only place its read-only file system lets it"
                            + " write");
                }
            }
        }
        for (KafkaNodePool pool : manifests.models(KafkaNodePool.class)) {
            var template = pool.getSpec().getTemplate();
            String id = "KafkaNodePool/" + pool.getMetadata().getName();
            violations.addAll(strimziPod(id, template == null ? null : template.getPod()));
            violations.addAll(
                    strimziContainer(id + " kafkaContainer", template == null ? null : template.getKafkaContainer()));
        }
        for (Kafka kafka : manifests.models(Kafka.class)) {
            var entityOperator = kafka.getSpec().getEntityOperator();
            if (entityOperator == null) {
                continue;
            }
            String id = "Kafka/" + kafka.getMetadata().getName() + " entityOperator";
            EntityOperatorTemplate template = entityOperator.getTemplate();
            violations.addAll(strimziPod(id, template == null ? null : template.getPod()));
            if (entityOperator.getTopicOperator() != null) {
                violations.addAll(strimziContainer(
                        id + " topicOperatorContainer",
                        template == null ? null : template.getTopicOperatorContainer()));
            }
            if (entityOperator.getUserOperator() != null) {
                violations.addAll(strimziContainer(
                        id + " userOperatorContainer", template == null ? null : template.getUserOperatorContainer()));
            }
        }
        return violations;
    }

    private static List<String> containerContext(String where, SecurityContext context) {
        var violations = new ArrayList<String>();
        if (context == null) {
            return List.of(where + ": no securityContext");
        }
        if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
            violations.add(where + ": readOnlyRootFilesystem is not true");
        }
        if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
            violations.add(where + ": allowPrivilegeEscalation is not false");
        }
        if (Boolean.TRUE.equals(context.getPrivileged())) {
            violations.add(where + ": privileged");
        }
        Capabilities capabilities = context.getCapabilities();
        if (capabilities == null
                || capabilities.getDrop() == null
                || !capabilities.getDrop().contains("ALL")) {
            violations.add(where + ": capabilities do not drop ALL");
        }
        if (capabilities != null
                && capabilities.getAdd() != null
                && !capabilities.getAdd().isEmpty()) {
            violations.add(where + ": adds capabilities " + capabilities.getAdd());
        }
        return violations;
    }

    private static List<String> strimziPod(String id, PodTemplate pod) {
        PodSecurityContext context = pod == null ? null : pod.getSecurityContext();
        if (context == null
                || !Boolean.TRUE.equals(context.getRunAsNonRoot())
                || context.getSeccompProfile() == null
                || !"RuntimeDefault".equals(context.getSeccompProfile().getType())) {
            return List.of(id + ": template.pod.securityContext lacks runAsNonRoot: true and seccompProfile"
                    + " RuntimeDefault (the namespace's restricted Pod Security level refuses the pod)");
        }
        return List.of();
    }

    private static List<String> strimziContainer(String id, ContainerTemplate container) {
        List<String> problems = containerContext(id, container == null ? null : container.getSecurityContext());
        return problems.isEmpty()
                ? List.of()
                : List.of(String.join("; ", problems) + " (the namespace's restricted Pod Security level refuses it)");
    }

    private static boolean mountsEmptyDir(Container container, PodSpec pod, String path) {
        return orEmpty(container.getVolumeMounts()).stream()
                .filter(mount -> path.equals(mount.getMountPath()))
                .anyMatch(mount -> orEmpty(pod.getVolumes()).stream()
                        .filter(volume -> volume.getName().equals(mount.getName()))
                        .map(Volume::getEmptyDir)
                        .anyMatch(Objects::nonNull));
    }

    // -------------------------------------------------------------------------------------------------- secrets

    /**
     * No secret in the manifests: no Secret with data (where {@code devSecrets}, only ones annotated dev-only), no
     * literal value for a variable whose name says it is a password, secret, token or key.
     */
    static List<String> secrets(Manifests manifests, boolean devSecrets) {
        var violations = new ArrayList<String>();
        for (Secret secret : manifests.models(Secret.class)) {
            boolean data = !orEmpty(secret.getData()).isEmpty()
                    || !orEmpty(secret.getStringData()).isEmpty();
            if (!data) {
                continue;
            }
            String id = "Secret/" + secret.getMetadata().getName();
            if (!devSecrets) {
                violations.add(id + " holds data: here Secrets are only referenced, and created out of band");
            } else if (!orEmpty(secret.getMetadata().getAnnotations()).containsKey(DEV_ONLY_ANNOTATION)) {
                violations.add(id + " holds data without the " + DEV_ONLY_ANNOTATION + " annotation");
            }
        }
        for (Workload workload : Workload.of(manifests)) {
            for (Container container : workload.containers()) {
                for (EnvVar variable : orEmpty(container.getEnv())) {
                    String name = variable.getName().toUpperCase(Locale.ROOT);
                    // a variable naming a file (a mounted Secret's path) holds a path, not the secret
                    if (variable.getValue() != null && SECRET_NAME.matcher(name).matches() && !name.endsWith("FILE")) {
                        violations.add(workload.id() + ": container " + container.getName() + " sets "
                                + variable.getName() + " to a literal value; reference a Secret (secretKeyRef)");
                    }
                }
            }
        }
        return violations;
    }

    // ---------------------------------------------------------------------------------------------- Kafka users

    /**
     * Authorization is on with no super user, every listener authenticates with SCRAM-SHA-512, each service has a
     * SCRAM-SHA-512 KafkaUser whose ACLs are exactly the grants of {@link KafkaAccess} (which must match its code: Write
     * on its outbox's and dead-letter topics, Read on those it reads and on its own group, Describe on all,
     * DescribeConfigs where the inbox pruner asks, no Create); KEDA's lag reader may only Describe the groups and
     * topics it watches.
     */
    static List<String> kafkaUsers(Manifests manifests, Coffeeshop coffeeshop) {
        var violations = new ArrayList<String>();
        Optional<Kafka> kafka = manifests.model(Kafka.class, KAFKA_CLUSTER);
        if (kafka.isEmpty()) {
            return List.of("no Kafka resource named " + KAFKA_CLUSTER);
        }
        if (!(kafka.get().getSpec().getKafka().getAuthorization() instanceof KafkaAuthorizationSimple)) {
            violations.add("Kafka/" + KAFKA_CLUSTER + ": no simple authorization: the KafkaUsers' ACLs would not be"
                    + " enforced");
        }
        if (kafka.get().getSpec().getKafka().getAuthorization() instanceof KafkaAuthorizationSimple simple
                && !orEmpty(simple.getSuperUsers()).isEmpty()) {
            violations.add(
                    "Kafka/" + KAFKA_CLUSTER + ": super users " + simple.getSuperUsers() + ", whom no ACL limits");
        }
        var listeners = orEmpty(kafka.get().getSpec().getKafka().getListeners());
        boolean scram = listeners.stream().anyMatch(l -> l.getAuth() instanceof KafkaListenerAuthenticationScramSha512);
        if (!scram) {
            violations.add("Kafka/" + KAFKA_CLUSTER + ": no listener authenticates with scram-sha-512");
        }
        listeners.stream()
                .filter(l -> l.getAuth() == null)
                .forEach(l -> violations.add("Kafka/" + KAFKA_CLUSTER + ": listener " + l.getName()
                        + " takes no authentication: any pod it admits is a client no ACL limits"));
        var used = new TreeSet<String>();
        for (ServiceConfiguration service : coffeeshop.services().values()) {
            String module = service.service().moduleName();
            used.add(module);
            Optional<KafkaUser> user = manifests.model(KafkaUser.class, module);
            if (user.isEmpty()) {
                violations.add("no KafkaUser for " + module);
                continue;
            }
            KafkaAccess access;
            try {
                access = KafkaAccess.of(module);
            } catch (IllegalArgumentException e) {
                violations.add("KafkaAccess describes no principal " + module);
                continue;
            }
            violations.addAll(accessMatchesTheCode(access, service));
            var expected = new TreeMap<String, Set<String>>();
            for (KafkaAccess.Grant grant : access.grants()) {
                String resource =
                        switch (grant.resource()) {
                            case TOPIC -> "topic " + grant.name();
                            case GROUP -> "group " + grant.name();
                            case CLUSTER -> "cluster";
                        };
                grant.operations().forEach(operation -> allow(expected, resource, strimziName(operation)));
            }
            violations.addAll(acls(
                    user.get(),
                    expected,
                    Map.of(
                            "Write",
                                    "topics " + module + " writes: outbox " + service.outboxTopics() + ", dead letters "
                                            + service.deadLetterTopics(),
                            "Read",
                                    "topics it consumes and its dead-letter topics, and its own group(s) "
                                            + service.groups(),
                            "Create", "none: topics are KafkaTopic resources")));
        }
        for (Manifest scaledObject : manifests.ofKind("ScaledObject")) {
            for (Map<String, Object> trigger : kafkaTriggers(scaledObject)) {
                String authentication =
                        String.valueOf(map(trigger.get("authenticationRef")).get("name"));
                Optional<Manifest> triggerAuthentication = manifests.find("TriggerAuthentication", authentication);
                if (triggerAuthentication.isEmpty()) {
                    continue; // reported by scaling()
                }
                String userName = secretOf(triggerAuthentication.get(), "password");
                if (userName == null) {
                    continue;
                }
                used.add(userName);
                Optional<KafkaUser> user = manifests.model(KafkaUser.class, userName);
                if (user.isEmpty()) {
                    violations.add(triggerAuthentication.get().id() + ": its password is the Secret " + userName
                            + ", which no KafkaUser makes");
                    continue;
                }
                var expected = new TreeMap<String, Set<String>>();
                for (Manifest each : manifests.ofKind("ScaledObject")) {
                    for (Map<String, Object> t : kafkaTriggers(each)) {
                        if (authentication.equals(
                                map(t.get("authenticationRef")).get("name"))) {
                            Map<String, Object> metadata = map(t.get("metadata"));
                            allow(expected, "group " + metadata.get("consumerGroup"), "Describe");
                            allow(expected, "topic " + metadata.get("topic"), "Describe");
                        }
                    }
                }
                violations.addAll(acls(user.get(), expected, Map.of()));
            }
        }
        for (KafkaUser user : manifests.models(KafkaUser.class)) {
            String id = "KafkaUser/" + user.getMetadata().getName();
            if (!used.contains(user.getMetadata().getName())) {
                violations.add(id + ": neither a service nor KEDA uses it");
            }
            if (!KAFKA_CLUSTER.equals(label(user.getMetadata().getLabels(), "strimzi.io/cluster"))) {
                violations.add(id + ": not labelled strimzi.io/cluster: " + KAFKA_CLUSTER);
            }
        }
        return violations.stream().distinct().toList();
    }

    /**
     * {@link KafkaAccess}, the one description of what each service may do on Kafka, says what its configuration does:
     * it publishes its outbox's topics, consumes its bindings' topics, with its own group, dead-lettering to the
     * bindings' dead-letter topics and replaying to the replay topics they read.
     */
    static List<String> accessMatchesTheCode(KafkaAccess access, ServiceConfiguration service) {
        var violations = new ArrayList<String>();
        String who = "KafkaAccess." + access.principal() + ": ";
        if (!Set.copyOf(access.publishes()).equals(service.outboxTopics())) {
            violations.add(who + "publishes " + access.publishes() + ", its outbox " + service.outboxTopics());
        }
        if (!Set.copyOf(access.consumes()).equals(service.consumedTopics())) {
            violations.add(who + "consumes " + access.consumes() + ", its bindings " + service.consumedTopics());
        }
        if (!Set.of(access.group()).equals(service.groups())) {
            violations.add(who + "group " + access.group() + ", its bindings' " + service.groups());
        }
        if (!Set.copyOf(access.deadLetterTopics()).equals(service.deadLetterTopics())) {
            violations.add(who + "dead letters to " + access.deadLetterTopics() + ", its bindings to "
                    + service.deadLetterTopics());
        }
        if (!Set.copyOf(access.replayTopics()).equals(service.replayTopics())) {
            violations.add(
                    who + "replays to " + access.replayTopics() + ", its bindings read " + service.replayTopics());
        }
        return violations;
    }

    /** Strimzi's spelling of a Kafka operation: DESCRIBE_CONFIGS is DescribeConfigs. */
    private static String strimziName(KafkaAccess.Operation operation) {
        return switch (operation) {
            case READ -> "Read";
            case WRITE -> "Write";
            case DESCRIBE -> "Describe";
            case DESCRIBE_CONFIGS -> "DescribeConfigs";
        };
    }

    private static void allow(Map<String, Set<String>> acls, String resource, String... operations) {
        acls.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(List.of(operations));
    }

    /** Compares a user's ACLs with the expected operations per resource ("topic x", "group y", "cluster"). */
    private static List<String> acls(KafkaUser user, Map<String, Set<String>> expected, Map<String, String> why) {
        var violations = new ArrayList<String>();
        String id = "KafkaUser/" + user.getMetadata().getName();
        if (!(user.getSpec().getAuthentication() instanceof KafkaUserScramSha512ClientAuthentication)) {
            violations.add(id + ": does not authenticate with scram-sha-512");
        }
        if (!(user.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple authorization)) {
            violations.add(id + ": no simple authorization, so no ACLs");
            return violations;
        }
        var granted = new TreeMap<String, Set<String>>();
        for (AclRule rule : orEmpty(authorization.getAcls())) {
            if (rule.getType() == AclRuleType.DENY) {
                violations.add(id + ": a deny rule; grant less instead");
                continue;
            }
            if (rule.getOperation() != null) {
                violations.add(id + ": the deprecated field operation; list operations");
            }
            String resource;
            if (rule.getResource() instanceof AclRuleTopicResource topic) {
                resource = "topic " + topic.getName();
                if (topic.getPatternType() == AclResourcePatternType.PREFIX || "*".equals(topic.getName())) {
                    violations.add(id + ": a rule for every topic named like " + topic.getName() + "; name each topic");
                }
            } else if (rule.getResource() instanceof AclRuleGroupResource group) {
                resource = "group " + group.getName();
                if (group.getPatternType() == AclResourcePatternType.PREFIX || "*".equals(group.getName())) {
                    violations.add(id + ": a rule for every group named like " + group.getName() + "; name each group");
                }
            } else if (rule.getResource() instanceof AclRuleClusterResource) {
                resource = "cluster";
            } else {
                resource = String.valueOf(rule.getResource());
            }
            for (AclOperation operation : orEmpty(rule.getOperations())) {
                granted.computeIfAbsent(resource, r -> new TreeSet<>()).add(operationName(operation));
            }
        }
        for (String operation : List.of("Write", "Read", "Create")) {
            Set<String> expectedResources = resourcesWith(expected, operation);
            Set<String> grantedResources = resourcesWith(granted, operation);
            if (!expectedResources.equals(grantedResources)) {
                violations.add(id + ": " + operation + " on " + grantedResources + ", but the service needs it on "
                        + expectedResources + (why.containsKey(operation) ? " (" + why.get(operation) + ")" : ""));
            }
        }
        var everything = new TreeSet<String>(expected.keySet());
        everything.addAll(granted.keySet());
        for (String resource : everything) {
            Set<String> want = expected.getOrDefault(resource, Set.of());
            Set<String> have = granted.getOrDefault(resource, Set.of());
            var extra = new TreeSet<>(have);
            extra.removeAll(want);
            extra.removeAll(Set.of("Write", "Read", "Create"));
            var missing = new TreeSet<>(want);
            missing.removeAll(have);
            missing.removeAll(Set.of("Write", "Read", "Create"));
            if (!extra.isEmpty()) {
                violations.add(id + ": " + extra + " on " + resource + ", which none of its code needs");
            }
            if (!missing.isEmpty()) {
                violations.add(id + ": lacks " + missing + " on " + resource);
            }
        }
        return violations;
    }

    private static Set<String> resourcesWith(Map<String, Set<String>> acls, String operation) {
        return acls.entrySet().stream()
                .filter(e -> e.getValue().contains(operation))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Kafka's spelling: DESCRIBECONFIGS is DescribeConfigs. */
    private static String operationName(AclOperation operation) {
        return switch (operation) {
            case DESCRIBECONFIGS -> "DescribeConfigs";
            case ALTERCONFIGS -> "AlterConfigs";
            case IDEMPOTENTWRITE -> "IdempotentWrite";
            case CLUSTERACTION -> "ClusterAction";
            default ->
                operation.name().charAt(0) + operation.name().substring(1).toLowerCase(Locale.ROOT);
        };
    }

    private static String secretOf(Manifest triggerAuthentication, String parameter) {
        for (Object reference :
                list(map(triggerAuthentication.raw().get("spec")).get("secretTargetRef"))) {
            Map<String, Object> ref = map(reference);
            if (parameter.equals(ref.get("parameter"))) {
                return String.valueOf(ref.get("name"));
            }
        }
        return null;
    }

    // -------------------------------------------------------------------------------------------------- scaling

    /**
     * Every autoscaler targets a Deployment that nothing else scales; a KEDA trigger counts the lag of a group its
     * target consumes in, on a topic it reads, through a listener it can authenticate to, and never asks for more pods
     * than the partitions can keep busy (maxReplicaCount x consumers per pod <= partitions); every service's Deployment
     * is scaled by exactly one of replicas and an autoscaler; no disruption budget forbids every eviction.
     */
    static List<String> scaling(Manifests manifests, Coffeeshop coffeeshop) {
        var violations = new ArrayList<String>();
        Map<String, Workload> deployments = Workload.of(manifests).stream()
                .filter(w -> w.kind().equals("Deployment"))
                .collect(Collectors.toMap(Workload::name, w -> w));
        var scaledBy = new HashMap<String, List<String>>();
        var minimum = new HashMap<String, Integer>();
        for (HorizontalPodAutoscaler hpa : manifests.models(HorizontalPodAutoscaler.class)) {
            String id = "HorizontalPodAutoscaler/" + hpa.getMetadata().getName();
            var target = hpa.getSpec().getScaleTargetRef();
            if (!"Deployment".equals(target.getKind()) || !deployments.containsKey(target.getName())) {
                violations.add(id + ": scales " + target.getKind() + "/" + target.getName()
                        + ", which is not in the manifests");
                continue;
            }
            scaledBy.computeIfAbsent(target.getName(), t -> new ArrayList<>()).add(id);
            int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
            minimum.put(target.getName(), min);
            if (min > hpa.getSpec().getMaxReplicas()) {
                violations.add(id + ": minReplicas " + min + " above maxReplicas "
                        + hpa.getSpec().getMaxReplicas());
            }
            if (orEmpty(hpa.getSpec().getMetrics()).isEmpty()) {
                violations.add(id + ": no metrics");
            }
        }
        for (Manifest scaledObject : manifests.ofKind("ScaledObject")) {
            String id = scaledObject.id();
            Map<String, Object> spec = scaledObject.map("spec");
            Map<String, Object> target = map(spec.get("scaleTargetRef"));
            String kind = String.valueOf(target.getOrDefault("kind", "Deployment"));
            String name = String.valueOf(target.get("name"));
            Workload workload = deployments.get(name);
            if (!kind.equals("Deployment") || workload == null) {
                violations.add(id + ": scales " + kind + "/" + name + ", which is not in the manifests");
                continue;
            }
            scaledBy.computeIfAbsent(name, t -> new ArrayList<>()).add(id);
            int min = number(spec.get("minReplicaCount"), 0);
            int max = number(spec.get("maxReplicaCount"), 100);
            minimum.put(name, min);
            if (min > max) {
                violations.add(id + ": minReplicaCount " + min + " above maxReplicaCount " + max);
            }
            Optional<ServiceConfiguration> service = coffeeshop.service(workload.app());
            for (Object each : list(spec.get("triggers"))) {
                Map<String, Object> trigger = map(each);
                if (!"kafka".equals(trigger.get("type"))) {
                    continue;
                }
                Map<String, Object> metadata = map(trigger.get("metadata"));
                String group = String.valueOf(metadata.get("consumerGroup"));
                String topic = String.valueOf(metadata.get("topic"));
                String where = id + ": trigger " + trigger.getOrDefault("name", topic);
                if (service.isPresent() && !service.get().groups().contains(group)) {
                    violations.add(where + " counts the lag of group " + group + ", in which " + name
                            + " does not consume (its groups: " + service.get().groups() + ")");
                }
                if (!metadata.containsKey("topic")) {
                    violations.add(where + " names no topic, so its partitions cannot be checked");
                    continue;
                }
                if (service.isPresent() && !service.get().consumedTopics().contains(topic)) {
                    violations.add(where + " counts lag on " + topic + ", which " + name + " does not consume");
                    continue;
                }
                Optional<KafkaTopic> kafkaTopic = manifests.models(KafkaTopic.class).stream()
                        .filter(t -> topicName(t).equals(topic))
                        .findFirst();
                if (kafkaTopic.isEmpty()) {
                    violations.add(where + ": no KafkaTopic " + topic);
                    continue;
                }
                int partitions = kafkaTopic.get().getSpec().getPartitions();
                int perPod = service.map(s -> s.consumersPerPod(topic)).orElse(1);
                if (max > partitions) {
                    violations.add(
                            id + ": maxReplicaCount " + max + " above the " + partitions + " partitions of " + topic);
                } else if ((long) max * perPod > partitions) {
                    violations.add(id + ": maxReplicaCount " + max + " x " + perPod + " consumers per pod of " + topic
                            + " (its binding's concurrency) exceeds its " + partitions
                            + " partitions: the extra pods would only hold idle consumers");
                }
                if (!metadata.containsKey("lagThreshold")) {
                    violations.add(where + ": no lagThreshold (KEDA's default, 10, is no decision)");
                }
                violations.addAll(triggerConnection(manifests, where, metadata, trigger));
            }
        }
        for (ServiceConfiguration service : coffeeshop.services().values()) {
            String module = service.service().moduleName();
            Workload workload = deployments.get(module);
            if (workload == null) {
                continue; // reported by environment()
            }
            List<String> scalers = scaledBy.getOrDefault(module, List.of());
            if (scalers.size() > 1) {
                violations.add("Deployment/" + module + " is scaled by " + scalers + " at once");
            }
            if (!scalers.isEmpty() && workload.replicas() != null) {
                violations.add("Deployment/" + module + ": replicas " + workload.replicas() + " and " + scalers
                        + ": every apply would reset the autoscaler's choice");
            }
            if (scalers.isEmpty() && workload.replicas() == null) {
                violations.add("Deployment/" + module + ": neither replicas nor an autoscaler");
            }
            if (scalers.isEmpty()) {
                minimum.put(module, workload.replicas() == null ? 1 : workload.replicas());
            }
        }
        var budgeted = new TreeSet<String>();
        for (PodDisruptionBudget budget : manifests.models(PodDisruptionBudget.class)) {
            String id = "PodDisruptionBudget/" + budget.getMetadata().getName();
            List<Workload> selected = Workload.of(manifests).stream()
                    .filter(w -> Selectors.matches(budget.getSpec().getSelector(), w.labels()))
                    .toList();
            if (selected.isEmpty()) {
                violations.add(id + ": selects no pods");
            }
            IntOrString minAvailable = budget.getSpec().getMinAvailable();
            IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
            if ((minAvailable == null) == (maxUnavailable == null)) {
                violations.add(id + ": needs exactly one of minAvailable and maxUnavailable");
            }
            if (maxUnavailable != null && Integer.valueOf(0).equals(maxUnavailable.getIntVal())) {
                violations.add(id + ": maxUnavailable 0 forbids every eviction: node drains would block");
            }
            for (Workload workload : selected) {
                budgeted.add(workload.name());
                int fewest = Math.max(1, minimum.getOrDefault(workload.name(), 1));
                if (minAvailable != null && minAvailable.getIntVal() != null && minAvailable.getIntVal() >= fewest) {
                    violations.add(id + ": minAvailable " + minAvailable.getIntVal() + " while " + workload.id()
                            + " may run " + fewest + " replica(s): none could be evicted, node drains would block");
                }
            }
        }
        for (String module : coffeeshop.services().keySet()) {
            if (deployments.containsKey(module) && !budgeted.contains(module)) {
                violations.add("Deployment/" + module + ": no PodDisruptionBudget");
            }
        }
        return violations;
    }

    private static List<String> triggerConnection(
            Manifests manifests, String where, Map<String, Object> metadata, Map<String, Object> trigger) {
        var violations = new ArrayList<String>();
        String bootstrap = String.valueOf(metadata.get("bootstrapServers"));
        Optional<GenericKafkaListener> listener = listenerAt(manifests, bootstrap);
        if (listener.isEmpty()) {
            violations.add(where + ": bootstrapServers " + bootstrap + " is no listener of Kafka/" + KAFKA_CLUSTER);
            return violations;
        }
        if (!bootstrap.startsWith(BOOTSTRAP_SERVICE + ".")) {
            violations.add(where + ": bootstrapServers " + bootstrap + " is a short name, which KEDA's operator,"
                    + " in its own namespace, cannot resolve");
        }
        boolean scram = listener.get().getAuth() instanceof KafkaListenerAuthenticationScramSha512;
        boolean saslScram = "scram_sha512".equals(metadata.get("sasl"));
        if (scram != saslScram) {
            violations.add(where + ": sasl " + metadata.get("sasl") + " on listener "
                    + listener.get().getName() + (scram ? ", which requires scram-sha-512" : ", which takes no SASL"));
        }
        boolean tls = "enable".equals(metadata.get("tls"));
        if (tls != listener.get().isTls()) {
            violations.add(where + ": tls " + metadata.get("tls") + " on listener "
                    + listener.get().getName() + (listener.get().isTls() ? ", which speaks TLS" : ", which is plain"));
        }
        if (scram) {
            String authentication =
                    String.valueOf(map(trigger.get("authenticationRef")).get("name"));
            if (manifests.find("TriggerAuthentication", authentication).isEmpty()) {
                violations.add(where + ": its TriggerAuthentication " + authentication + " is not in the manifests");
            }
        }
        return violations;
    }

    private static List<Map<String, Object>> kafkaTriggers(Manifest scaledObject) {
        return list(map(scaledObject.raw().get("spec")).get("triggers")).stream()
                .map(ManifestChecks::map)
                .filter(t -> "kafka".equals(t.get("type")))
                .toList();
    }

    // ------------------------------------------------------------------------------------------ network policies

    /**
     * A default deny for the namespace; each service may receive only on its Service's port (none without a Service)
     * and send only to DNS, its Kafka listener, PostgreSQL and, for webhooks, public addresses on 443; every Kafka
     * listener names its peers; Strimzi's pods may reach each other; the local PostgreSQL admits only the services.
     */
    /** Where order-intake's operator's order page reads the other services' part of an order (docs/operations.md). */
    private static final List<String> OPERATOR_PAGE_SOURCES =
            List.of("COFFEESHOP_OPERATOR_BARISTAWORKERURL", "COFFEESHOP_OPERATOR_NOTIFICATIONSERVICEURL");

    static List<String> networkPolicies(Manifests manifests, Coffeeshop coffeeshop) {
        var violations = new ArrayList<String>();
        List<NetworkPolicy> policies = manifests.models(NetworkPolicy.class);
        boolean defaultDeny = policies.stream()
                .anyMatch(p -> Selectors.isEmpty(p.getSpec().getPodSelector())
                        && orEmpty(p.getSpec().getPolicyTypes()).containsAll(List.of("Ingress", "Egress"))
                        && orEmpty(p.getSpec().getIngress()).isEmpty()
                        && orEmpty(p.getSpec().getEgress()).isEmpty());
        if (!defaultDeny) {
            violations.add("no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules): a pod no"
                    + " policy names may send and receive anything");
        }
        Optional<Workload> postgres = Workload.of(manifests).stream()
                .filter(w -> w.app().equals("postgres"))
                .findFirst();
        for (ServiceConfiguration service : coffeeshop.services().values()) {
            String module = service.service().moduleName();
            Optional<Workload> found = serviceWorkload(manifests, module);
            if (found.isEmpty()) {
                continue; // reported by environment()
            }
            Workload workload = found.get();
            Container container = serviceContainer(workload, module);
            String id = "NetworkPolicy for " + module;
            // ingress: the ports of its Service, and the management port for Prometheus (from named sources only)
            var expectedIngress = new TreeSet<Integer>();
            Integer management = container == null ? null : resolve(new IntOrString("management"), container);
            if (management != null) {
                expectedIngress.add(management);
            }
            for (Service kubernetesService : manifests.models(Service.class)) {
                if (Selectors.matches(kubernetesService.getSpec().getSelector(), workload.labels())) {
                    for (ServicePort port : orEmpty(kubernetesService.getSpec().getPorts())) {
                        IntOrString target =
                                port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                        Integer number = container == null ? null : resolve(target, container);
                        if (number != null) {
                            expectedIngress.add(number);
                        }
                    }
                }
            }
            var ingress = new TreeSet<Integer>();
            for (NetworkPolicyIngressRule rule : ingressRules(policies, workload)) {
                if (orEmpty(rule.getPorts()).isEmpty()) {
                    violations.add(id + ": an ingress rule open on every port");
                }
                for (NetworkPolicyPort port : orEmpty(rule.getPorts())) {
                    Integer number = port.getPort() == null || container == null
                            ? null
                            : port.getPort().getIntVal() != null
                                    ? port.getPort().getIntVal()
                                    : resolve(port.getPort(), container);
                    ingress.add(number == null ? -1 : number);
                    if (number != null
                            && number.equals(management)
                            && orEmpty(rule.getFrom()).isEmpty()) {
                        violations.add(id + ": the management port " + number + " is open to every source");
                    }
                }
            }
            if (!ingress.equals(expectedIngress)) {
                violations.add(id + ": ingress allowed on ports " + ingress + ", expected " + expectedIngress
                        + (expectedIngress.isEmpty()
                                ? " (no Service: nothing calls it; kubelet probes need no rule)"
                                : " (its Service's and its management port)"));
            }
            // egress
            List<NetworkPolicyEgressRule> egress = egressOf(policies, workload.labels());
            var allowed = new TreeSet<String>();
            for (NetworkPolicyEgressRule rule : egress) {
                if (orEmpty(rule.getPorts()).isEmpty()) {
                    violations.add(id + ": an egress rule open on every port");
                }
                for (NetworkPolicyPort port : orEmpty(rule.getPorts())) {
                    allowed.add(protocol(port) + "/" + text(port.getPort()));
                }
            }
            var expected = new TreeSet<>(Set.of("UDP/53", "TCP/53", "TCP/" + POSTGRES_PORT));
            if (!egress.stream()
                    .anyMatch(r -> allows(r, "UDP", 53)
                            && allows(r, "TCP", 53)
                            && r.getTo() != null
                            && r.getTo().stream().anyMatch(ManifestChecks::isClusterDns))) {
                violations.add(id + ": no egress to the cluster DNS (kube-dns in kube-system) on UDP and TCP 53");
            }
            String bootstrap = container == null ? null : value(container, "KAFKA_BOOTSTRAP_SERVERS");
            if (bootstrap != null && bootstrap.contains(":")) {
                int kafkaPort = parse(bootstrap.substring(bootstrap.lastIndexOf(':') + 1), -1);
                expected.add("TCP/" + kafkaPort);
                boolean reachesBrokers = egress.stream()
                        .anyMatch(r -> allows(r, "TCP", kafkaPort)
                                && r.getTo() != null
                                && r.getTo().stream()
                                        .anyMatch(peer -> peer.getNamespaceSelector() == null
                                                && peer.getIpBlock() == null
                                                && Selectors.matches(peer.getPodSelector(), BROKER_POD_LABELS)));
                if (!reachesBrokers) {
                    violations.add(id + ": no egress to the Kafka broker pods on " + kafkaPort);
                }
                Optional<GenericKafkaListener> listener = listenerAt(manifests, bootstrap);
                if (listener.isPresent()
                        && orEmpty(listener.get().getNetworkPolicyPeers()).stream()
                                .noneMatch(peer -> peer.getNamespaceSelector() == null
                                        && Selectors.matches(peer.getPodSelector(), workload.labels()))) {
                    violations.add("Kafka/" + KAFKA_CLUSTER + ": listener "
                            + listener.get().getName() + "'s networkPolicyPeers do not admit " + module + "'s pods");
                }
            }
            // the identity provider's key set, at the address the service reads it from
            String keys = container == null ? null : value(container, "COFFEESHOP_SECURITY_JWKSETURI");
            if (keys != null) {
                java.net.URI uri = java.net.URI.create(keys);
                int providerPort = uri.getPort();
                expected.add("TCP/" + providerPort);
                boolean reachesProvider = egress.stream()
                        .anyMatch(r -> allows(r, "TCP", providerPort)
                                && r.getTo() != null
                                && r.getTo().stream()
                                        .anyMatch(peer -> peer.getNamespaceSelector() == null
                                                && peer.getIpBlock() == null
                                                && Selectors.matches(
                                                        peer.getPodSelector(),
                                                        Map.of("app.kubernetes.io/name", uri.getHost()))));
                if (!reachesProvider) {
                    violations.add(id + ": no egress to the identity provider's pods (" + uri.getHost() + ") on "
                            + providerPort);
                }
            }
            // the services order-intake's operator's order page reads, at the addresses it is given
            for (String setting : OPERATOR_PAGE_SOURCES) {
                String url = container == null ? null : value(container, setting);
                if (url == null) {
                    continue;
                }
                java.net.URI uri = java.net.URI.create(url);
                int sourcePort = uri.getPort();
                expected.add("TCP/" + sourcePort);
                boolean reachesSource = egress.stream()
                        .anyMatch(r -> allows(r, "TCP", sourcePort)
                                && r.getTo() != null
                                && r.getTo().stream()
                                        .anyMatch(peer -> peer.getNamespaceSelector() == null
                                                && peer.getIpBlock() == null
                                                && Selectors.matches(
                                                        peer.getPodSelector(),
                                                        Map.of("app.kubernetes.io/name", uri.getHost()))));
                if (!reachesSource) {
                    violations.add(
                            id + ": no egress to " + uri.getHost() + "'s pods on " + sourcePort + " (" + setting + ")");
                }
            }
            List<NetworkPolicyEgressRule> database =
                    egress.stream().filter(r -> allows(r, "TCP", POSTGRES_PORT)).toList();
            if (database.isEmpty()) {
                violations.add(id + ": no egress to PostgreSQL on " + POSTGRES_PORT);
            } else if (postgres.isPresent()) {
                boolean onlyPostgres = database.stream()
                        .allMatch(r -> !orEmpty(r.getTo()).isEmpty()
                                && r.getTo().stream()
                                        .allMatch(peer -> peer.getIpBlock() == null
                                                && peer.getNamespaceSelector() == null
                                                && Selectors.matches(
                                                        peer.getPodSelector(),
                                                        postgres.get().labels())));
                if (!onlyPostgres) {
                    violations.add(id + ": may reach any address on " + POSTGRES_PORT + " although its database is "
                            + postgres.get().id());
                }
            }
            for (int port : Coffeeshop.INTERNET_EGRESS.getOrDefault(module, Set.of())) {
                expected.add("TCP/" + port);
                boolean guarded = egress.stream()
                        .filter(r -> allows(r, "TCP", port))
                        .flatMap(r -> orEmpty(r.getTo()).stream())
                        .filter(peer -> peer.getIpBlock() != null
                                && "0.0.0.0/0".equals(peer.getIpBlock().getCidr()))
                        .anyMatch(peer -> orEmpty(peer.getIpBlock().getExcept()).containsAll(PRIVATE_RANGES));
                if (!guarded) {
                    violations.add(id + ": no egress to public addresses on " + port + " that keeps out "
                            + new TreeSet<>(PRIVATE_RANGES) + " (webhooks; docs/webhooks.md)");
                }
            }
            if (!allowed.equals(expected)) {
                violations.add(id + ": egress allowed on " + allowed + ", expected " + expected);
            }
        }
        violations.addAll(strimziPolicies(manifests, policies));
        if (postgres.isPresent()) {
            var admitted = new TreeSet<String>();
            for (NetworkPolicyIngressRule rule : ingressRules(policies, postgres.get())) {
                if (!allowsIngress(rule, POSTGRES_PORT)) {
                    continue;
                }
                for (String module : coffeeshop.services().keySet()) {
                    Map<String, String> labels = serviceWorkload(manifests, module)
                            .map(Workload::labels)
                            .orElse(Map.of());
                    if (orEmpty(rule.getFrom()).stream()
                            .anyMatch(peer -> peer.getNamespaceSelector() == null
                                    && Selectors.matches(peer.getPodSelector(), labels))) {
                        admitted.add(module);
                    }
                }
                if (orEmpty(rule.getFrom()).isEmpty()) {
                    violations.add(postgres.get().id() + ": admits anyone on " + POSTGRES_PORT);
                }
            }
            if (!admitted.equals(coffeeshop.services().keySet())) {
                violations.add(postgres.get().id() + ": its NetworkPolicy admits " + admitted + " on " + POSTGRES_PORT
                        + ", not all of " + coffeeshop.services().keySet());
            }
        }
        return violations;
    }

    private static List<String> strimziPolicies(Manifests manifests, List<NetworkPolicy> policies) {
        var violations = new ArrayList<String>();
        for (Kafka kafka : manifests.models(Kafka.class)) {
            for (GenericKafkaListener listener :
                    orEmpty(kafka.getSpec().getKafka().getListeners())) {
                if (orEmpty(listener.getNetworkPolicyPeers()).isEmpty()) {
                    violations.add("Kafka/" + kafka.getMetadata().getName() + ": listener " + listener.getName()
                            + " names no networkPolicyPeers: Strimzi would open port " + listener.getPort()
                            + " to every pod of the cluster");
                }
            }
        }
        if (manifests.model(Kafka.class, KAFKA_CLUSTER).isEmpty()) {
            return violations;
        }
        List<NetworkPolicyEgressRule> brokers = egressOf(policies, BROKER_POD_LABELS);
        for (int port : List.of(9090, 9091)) {
            if (brokers.stream().noneMatch(r -> allows(r, "TCP", port) && toBrokers(r))) {
                violations.add("the Kafka brokers may not reach each other on " + port
                        + (port == 9090 ? " (KRaft control plane)" : " (replication)"));
            }
        }
        if (brokers.stream().noneMatch(r -> allows(r, "UDP", 53))) {
            violations.add("the Kafka brokers may not resolve names (UDP 53)");
        }
        if (manifests.model(Kafka.class, KAFKA_CLUSTER).get().getSpec().getEntityOperator() != null) {
            List<NetworkPolicyEgressRule> operator = egressOf(policies, ENTITY_OPERATOR_POD_LABELS);
            if (operator.stream().noneMatch(r -> allows(r, "TCP", 9091) && toBrokers(r))) {
                violations.add("the entity operator may not reach the brokers on 9091");
            }
            if (operator.stream().noneMatch(r -> allows(r, "TCP", 443) || allows(r, "TCP", 6443))) {
                violations.add("the entity operator may not reach the Kubernetes API (443/6443)");
            }
        }
        return violations;
    }

    private static List<NetworkPolicyEgressRule> egressOf(List<NetworkPolicy> policies, Map<String, String> labels) {
        return policies.stream()
                .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), labels))
                .filter(p -> orEmpty(p.getSpec().getPolicyTypes()).contains("Egress"))
                .flatMap(p -> orEmpty(p.getSpec().getEgress()).stream())
                .toList();
    }

    private static boolean toBrokers(NetworkPolicyEgressRule rule) {
        return orEmpty(rule.getTo()).stream()
                .anyMatch(peer -> peer.getNamespaceSelector() == null
                        && Selectors.matches(peer.getPodSelector(), BROKER_POD_LABELS));
    }

    private static List<NetworkPolicyIngressRule> ingressRules(List<NetworkPolicy> policies, Workload workload) {
        return policies.stream()
                .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), workload.labels()))
                .filter(p -> orEmpty(p.getSpec().getPolicyTypes()).contains("Ingress"))
                .flatMap(p -> orEmpty(p.getSpec().getIngress()).stream())
                .toList();
    }

    private static boolean allows(NetworkPolicyEgressRule rule, String protocol, int port) {
        return orEmpty(rule.getPorts()).stream()
                .anyMatch(p -> protocol.equals(protocol(p))
                        && p.getPort() != null
                        && Integer.valueOf(port).equals(p.getPort().getIntVal()));
    }

    private static boolean allowsIngress(NetworkPolicyIngressRule rule, int port) {
        return orEmpty(rule.getPorts()).stream()
                .anyMatch(p -> p.getPort() != null
                        && Integer.valueOf(port).equals(p.getPort().getIntVal()));
    }

    private static boolean isClusterDns(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector() != null
                && Selectors.matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", "kube-system"))
                && Selectors.matches(peer.getPodSelector(), Map.of("k8s-app", "kube-dns"));
    }

    private static String protocol(NetworkPolicyPort port) {
        return port.getProtocol() == null ? "TCP" : port.getProtocol();
    }

    // -------------------------------------------------------------------------------------------------- helpers

    static Optional<Workload> serviceWorkload(Manifests manifests, String module) {
        return Workload.of(manifests).stream()
                .filter(w -> w.kind().equals("Deployment") && w.app().equals(module))
                .findFirst();
    }

    static Container serviceContainer(Workload workload, String module) {
        return workload.pod().getContainers().stream()
                .filter(c -> c.getName().equals(module))
                .findFirst()
                .orElse(null);
    }

    static String value(Container container, String name) {
        return orEmpty(container.getEnv()).stream()
                .filter(v -> v.getName().equals(name))
                .map(EnvVar::getValue)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private static String text(IntOrString port) {
        return port == null
                ? "null"
                : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    private static String label(Map<String, String> labels, String key) {
        return labels == null ? null : labels.get(key);
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (T candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    private static int number(Object value, int otherwise) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        return value == null ? otherwise : parse(String.valueOf(value), otherwise);
    }

    private static int parse(String text, int otherwise) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
