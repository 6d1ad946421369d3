package com.fxbank.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests (deploy/kubernetes: a Kustomize base and a production overlay) render, every object is valid
 * against the Kubernetes API's schema (fabric8's model: a wrong type fails to read, a field the schema does not name is
 * found), and what a bank needs of them holds: probes on every container, resources, a non-root read-only pod, a
 * disruption budget and a Service for every Deployment, the production posture, no secret value in the repository, and
 * only the exchange service (with the console and the ingress) let in to the ledgers. The second half shows the checks
 * catch what they look for, on manifests broken on purpose.
 */
class KubernetesManifestsTest {

    private static final Set<String> WORKLOADS = Set.of("exchange-service", "krw-account", "fx-account", "fxbank-console");

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void rendersIntoValidObjectsThatHoldWhatABankNeeds(String kustomization) throws Exception {
        List<HasMetadata> objects = Manifests.read(Manifests.render(Manifests.KUSTOMIZE_ROOT.resolve(kustomization)));

        assertThat(problems(objects)).isEmpty();
        assertThat(of(objects, Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(WORKLOADS);
    }

    @Test
    void productionRunsThreeOfEachServiceFromTheBanksRegistryInItsNamespace() throws Exception {
        List<HasMetadata> objects = Manifests.read(Manifests.render(Manifests.KUSTOMIZE_ROOT.resolve("overlays/production")));

        assertThat(objects).allSatisfy(object -> assertThat(object.getMetadata().getNamespace()).isEqualTo("fxbank"));
        for (Deployment deployment : of(objects, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            assertThat(deployment.getSpec().getReplicas()).as(name).isEqualTo(name.equals("fxbank-console") ? 2 : 3);
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).as(name)
                    .startsWith("registry.bank.example/fxbank/").doesNotEndWith("SNAPSHOT");
        }
        for (HorizontalPodAutoscaler autoscaler : of(objects, HorizontalPodAutoscaler.class)) {
            assertThat(autoscaler.getSpec().getMinReplicas()).as(autoscaler.getMetadata().getName())
                    .as("no autoscaler takes a service below its production replicas").isGreaterThanOrEqualTo(3);
        }
        ConfigMap common = of(objects, ConfigMap.class).getFirst();
        assertThat(common.getData().get("FXBANK_ISSUER_URI")).startsWith("https://");
    }

    // ---- the checks catch what they look for ----

    @Test
    void aMisspeltFieldIsFoundAtAnyDepth() throws Exception {
        String broken = base().replaceFirst("(?m)^(\\s+)readinessProbe:", "$1readinesProbe:");

        assertThat(problems(Manifests.read(broken))).anySatisfy(problem -> assertThat(problem)
                .contains("unknown field").contains("readinesProbe"))
                .anySatisfy(problem -> assertThat(problem).contains("no readiness probe"));
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() throws Exception {
        String broken = base().replaceFirst("(?m)^(\\s+)replicas: 2", "$1replicas: two");

        assertThatThrownBy(() -> Manifests.read(broken)).hasMessageContaining("two");
    }

    @Test
    void aSecretWrittenIntoTheManifestAndADevelopmentPostureAreFound() throws Exception {
        String broken = base()
                .replaceFirst("(- name: FXBANK_CLIENT_SECRET\\n)(\\s+)valueFrom:\\n\\s+secretKeyRef:\\n\\s+\\w+: \\S+\\n\\s+\\w+: \\S+",
                        "$1$2value: s3cret")
                .replace("FXBANK_KAFKA_REPLICATION_FACTOR: \"3\"", "FXBANK_KAFKA_REPLICATION_FACTOR: \"1\"");

        assertThat(problems(Manifests.read(broken)))
                .anySatisfy(problem -> assertThat(problem).contains("FXBANK_CLIENT_SECRET").contains("Secret"))
                .anySatisfy(problem -> assertThat(problem).contains("FXBANK_KAFKA_REPLICATION_FACTOR"));
    }

    @Test
    void aLedgerOpenToEveryPodIsFound() throws Exception {
        String broken = base().replaceFirst("(?s)(name: ledgers-from-the-exchange-service.*?ingress:\\n)(\\s+)- from:",
                "$1$2- {}\n$2- from:");

        assertThat(problems(Manifests.read(broken)))
                .anySatisfy(problem -> assertThat(problem).contains("ledgers-from-the-exchange-service"));
    }

    private static String base() throws Exception {
        return Manifests.render(Manifests.KUSTOMIZE_ROOT.resolve("base"));
    }

    // ---- what a bank needs of the manifests ----

    private static List<String> problems(List<HasMetadata> objects) {
        List<String> problems = new ArrayList<>();
        for (HasMetadata object : objects) {
            Manifests.unknownFields(object).forEach(field -> problems.add("unknown field " + field));
        }
        List<Deployment> deployments = of(objects, Deployment.class);
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            if (pod.getSecurityContext() == null || !Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())) {
                problems.add(name + ": the pod may run as root");
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                problems.add(name + ": a service-account token is mounted");
            }
            if (pod.getTopologySpreadConstraints() == null || pod.getTopologySpreadConstraints().isEmpty()) {
                problems.add(name + ": no topology spread");
            }
            for (Container container : pod.getContainers()) {
                String where = name + "/" + container.getName();
                Set<String> ports = container.getPorts() == null ? Set.of()
                        : container.getPorts().stream().map(p -> p.getName()).collect(Collectors.toSet());
                probe(problems, where, "readiness", container.getReadinessProbe(), ports);
                probe(problems, where, "liveness", container.getLivenessProbe(), ports);
                if (container.getResources() == null || container.getResources().getRequests() == null
                        || !container.getResources().getRequests().containsKey("cpu")
                        || container.getResources().getLimits() == null
                        || !container.getResources().getLimits().containsKey("memory")) {
                    problems.add(where + ": no CPU request or no memory limit");
                }
                if (container.getSecurityContext() == null
                        || !Boolean.TRUE.equals(container.getSecurityContext().getReadOnlyRootFilesystem())
                        || !Boolean.FALSE.equals(container.getSecurityContext().getAllowPrivilegeEscalation())) {
                    problems.add(where + ": the root filesystem is writable or privileges may escalate");
                }
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    if (env.getName().matches(".*(PASSWORD|SECRET|USERNAME).*")
                            && (env.getValue() != null || env.getValueFrom() == null
                            || env.getValueFrom().getSecretKeyRef() == null)) {
                        problems.add(where + ": " + env.getName() + " must come from a Secret, not the manifest");
                    }
                }
            }
            if (of(objects, PodDisruptionBudget.class).stream().noneMatch(budget -> selects(
                    budget.getSpec().getSelector().getMatchLabels(), podLabels))) {
                problems.add(name + ": no PodDisruptionBudget");
            }
            if (of(objects, Service.class).stream().noneMatch(service -> selects(service.getSpec().getSelector(), podLabels))) {
                problems.add(name + ": no Service");
            }
        }
        for (HorizontalPodAutoscaler autoscaler : of(objects, HorizontalPodAutoscaler.class)) {
            String target = autoscaler.getSpec().getScaleTargetRef().getName();
            if (deployments.stream().noneMatch(d -> d.getMetadata().getName().equals(target))) {
                problems.add("autoscaler " + autoscaler.getMetadata().getName() + " scales no Deployment here");
            }
        }
        for (ConfigMap config : of(objects, ConfigMap.class)) {
            Map<String, String> data = config.getData();
            if (!data.getOrDefault("FXBANK_ISSUER_URI", "").startsWith("https://")) {
                problems.add("FXBANK_ISSUER_URI is not https");
            }
            if (Integer.parseInt(data.getOrDefault("FXBANK_KAFKA_REPLICATION_FACTOR", "1")) < 3) {
                problems.add("FXBANK_KAFKA_REPLICATION_FACTOR below 3");
            }
            if (Integer.parseInt(data.getOrDefault("FXBANK_KAFKA_MIN_INSYNC_REPLICAS", "1")) < 2) {
                problems.add("FXBANK_KAFKA_MIN_INSYNC_REPLICAS below 2");
            }
            if (!data.getOrDefault("FXBANK_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").startsWith("SASL_")) {
                problems.add("Kafka without SASL");
            }
            if (!"false".equals(data.getOrDefault("FXBANK_DEVELOPMENT_MODE", "false"))) {
                problems.add("development mode declared");
            }
        }
        ledgersLetInOnly(problems, of(objects, NetworkPolicy.class));
        return problems;
    }

    private static void probe(List<String> problems, String where, String kind, Probe probe, Set<String> ports) {
        if (probe == null) {
            problems.add(where + ": no " + kind + " probe");
            return;
        }
        IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
        if (port == null || port.getStrVal() == null || !ports.contains(port.getStrVal())) {
            problems.add(where + ": the " + kind + " probe asks no port the container names");
        }
    }

    /** The ledgers' pods let in the exchange service, the console and the ingress's namespace: nobody else. */
    private static void ledgersLetInOnly(List<String> problems, List<NetworkPolicy> policies) {
        Set<String> allowedPods = Set.of("exchange-service", "fxbank-console");
        for (NetworkPolicy policy : policies) {
            Map<String, String> selected = policy.getSpec().getPodSelector().getMatchLabels();
            if (selected == null || !"ledger".equals(selected.get("app.kubernetes.io/component"))) {
                continue;
            }
            policy.getSpec().getIngress().forEach(rule -> {
                List<NetworkPolicyPeer> from = rule.getFrom();
                boolean narrow = from != null && !from.isEmpty() && from.stream().allMatch(peer ->
                        (peer.getPodSelector() != null && peer.getPodSelector().getMatchLabels() != null
                                && allowedPods.contains(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))
                                || (peer.getNamespaceSelector() != null && peer.getNamespaceSelector().getMatchLabels() != null
                                && "true".equals(peer.getNamespaceSelector().getMatchLabels().get("fxbank.bank/ingress"))));
                if (!narrow) {
                    problems.add(policy.getMetadata().getName() + ": lets in more than the exchange service, the console and the ingress");
                }
            });
        }
        if (policies.stream().noneMatch(policy -> policy.getSpec().getIngress() == null
                || policy.getSpec().getIngress().isEmpty())) {
            problems.add("no policy denies all other ingress");
        }
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty()
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static <T> List<T> of(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().flatMap(o -> kind.isInstance(o) ? Stream.of(kind.cast(o)) : Stream.empty()).toList();
    }
}
