package io.github.flinklakehouse.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every FlinkDeployment of deploy/k8s passes the operator's CRD schema and the project's rules, there is one per
 * pipeline of the job jar, and each rule fails, naming the deployment and the rule, on a copy broken in one place.
 */
class FlinkDeploymentManifestTest {

    private static final Path K8S = ComposeManifestTest.REPO.resolve("deploy/k8s");
    private static FlinkDeploymentRules rules;
    private static JsonNode clickstream;

    @BeforeAll
    static void load() {
        rules = new FlinkDeploymentRules(JobOptions.declared());
        clickstream = YamlDocuments.read(K8S.resolve("clickstream.yaml"));
    }

    @Test
    void everyDeploymentKeepsEveryRule() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(K8S)) {
            files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(file -> file.getFileName().toString())
                .containsExactly("clickstream.yaml", "road-traffic.yaml");
        List<JsonNode> deployments = files.stream().map(YamlDocuments::read).toList();
        for (int i = 0; i < files.size(); i++) {
            assertThat(rules.check(files.get(i).getFileName().toString(), deployments.get(i)))
                    .as(files.get(i).toString()).isEmpty();
        }
        assertThat(rules.missingPipelines("deploy/k8s", deployments)).isEmpty();
    }

    @Test
    void pipelines() {
        assertThat(rules.missingPipelines("deploy/k8s", List.of(clickstream))).singleElement()
                .hasToString("deploy/k8s: folder: [pipelines] no FlinkDeployment runs --job road-traffic (every "
                        + "registered pipeline's live job has one)");
    }

    @Test
    void schema() {
        assertFails(d -> job(d).put("upgradeMod", "savepoint"), "schema", "upgradeMod");
        assertFails(d -> spec(d).put("flinkVersion", "v1_99"), "schema", "flinkVersion");
        assertFails(d -> env(d).addObject().put("name", "X").put("valu", "y"), "schema", "valu");
        assertFails(d -> d.put("kind", "FlinkSessionJob"), "schema", "not a flink.apache.org/v1beta1 FlinkDeployment");
    }

    @Test
    void pinnedImage() {
        assertFails(d -> spec(d).put("image", "flink-lakehouse:latest"), "pinned-image", "not pinned");
    }

    @Test
    void upgradeMode() {
        assertFails(d -> job(d).put("upgradeMode", "stateless"), "upgrade-mode", "use savepoint");
    }

    @Test
    void stateOnS3() {
        assertFails(d -> flinkConfiguration(d).put("execution.checkpointing.savepoint-dir", "file:///tmp/sp"),
                "state-on-s3", "execution.checkpointing.savepoint-dir is 'file:///tmp/sp'");
    }

    @Test
    void resources() {
        assertFails(d -> ((ObjectNode) spec(d).path("taskManager").path("resource")).remove("memory"), "resources",
                "spec.taskManager.resource needs cpu and memory");
    }

    @Test
    void parallelism() {
        assertFails(d -> job(d).put("parallelism", 4), "parallelism",
                "spec.job.parallelism is 4 but the job's --pipeline.parallelism is 2");
        assertFails(d -> job(d).remove("parallelism"), "parallelism", "not set");
    }

    @Test
    void jobOptions() {
        assertFails(d -> args(d).add("--clickstream.kafka.topik").add("events"), "job-options",
                "--clickstream.kafka.topik is not an option");
        assertFails(d -> args(d).set(1, "clickstreams"), "job-options", "--job clickstreams is not a job");
        assertFails(d -> env(d).addObject().put("name", "LAKEHOUSE_S3_ENDPIONT").put("value", "http://x"),
                "job-options", "LAKEHOUSE_S3_ENDPIONT is not an option");
    }

    @Test
    void secretLiteral() {
        assertFails(d -> env(d).addObject().put("name", "LAKEHOUSE_MARTS_JDBC_PASSWORD").put("value", "hunter2"),
                "secret-literal", "LAKEHOUSE_MARTS_JDBC_PASSWORD is a secret");
        assertFails(d -> flinkConfiguration(d).put("s3.secret-key", "hunter2"), "secret-literal",
                "flinkConfiguration s3.secret-key is a secret in plain text");
    }

    @Test
    void noIngress() {
        assertFails(d -> spec(d).putObject("ingress").put("template", "flink.example.com"), "no-ingress",
                "kubectl port-forward");
    }

    private static void assertFails(Consumer<ObjectNode> breakIt, String rule, String message) {
        ObjectNode broken = (ObjectNode) clickstream.deepCopy();
        breakIt.accept(broken);
        assertThat(rules.check("clickstream.yaml", broken)).as("problems of the broken copy").anySatisfy(problem -> {
            assertThat(problem.subject()).isEqualTo("FlinkDeployment 'lakehouse-clickstream'");
            assertThat(problem.rule()).isEqualTo(rule);
            assertThat(problem.toString()).contains(message);
        });
    }

    private static ObjectNode spec(ObjectNode deployment) {
        return (ObjectNode) deployment.path("spec");
    }

    private static ObjectNode job(ObjectNode deployment) {
        return (ObjectNode) spec(deployment).path("job");
    }

    private static ObjectNode flinkConfiguration(ObjectNode deployment) {
        return (ObjectNode) spec(deployment).path("flinkConfiguration");
    }

    private static ArrayNode args(ObjectNode deployment) {
        return (ArrayNode) job(deployment).path("args");
    }

    private static ArrayNode env(ObjectNode deployment) {
        return (ArrayNode) spec(deployment).path("podTemplate").path("spec").path("containers").path(0).path("env");
    }
}
