package io.github.flinklakehouse.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The repository's docker-compose.yml passes the Compose Specification's schema and every project rule, and each rule
 * fails, naming the service and the rule, on a copy of the file broken in one place.
 */
class ComposeManifestTest {

    static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static ComposeRules rules;
    private static JsonNode compose;

    @BeforeAll
    static void load() {
        rules = new ComposeRules("docker-compose.yml", JobOptions.declared(),
                ComposeRules.envFileVariables(REPO.resolve(".env.example")));
        compose = YamlDocuments.read(REPO.resolve("docker-compose.yml"));
    }

    @Test
    void theRepositorysFileKeepsEveryRule() {
        assertThat(rules.check(compose)).isEmpty();
        assertThat(compose.path("services").propertyNames()).contains("kafka", "minio", "minio-bucket", "postgres",
                "jobmanager", "taskmanager", "clickstream-submitter", "road-traffic-submitter", "road-api-emulator",
                "sql-client", "metabase", "dashboards-provisioner");
    }

    @Test
    void mergeKeysAndAliasesAreResolvedAsComposeDoes() {
        JsonNode taskManagerEnv = compose.path("services").path("taskmanager").path("environment");
        assertThat(taskManagerEnv.path("LAKEHOUSE_KAFKA_BOOTSTRAP_SERVERS").asString()).isEqualTo("kafka:19092");
        assertThat(taskManagerEnv.path("FLINK_PROPERTIES").asString()).contains("metrics.reporter.prom.port: 9249");
    }

    @Test
    void schema() {
        assertFails(c -> service(c, "jobmanager").put("helthcheck", "x"), "jobmanager", "schema",
                "helthcheck");
    }

    @Test
    void pinnedImage() {
        assertFails(c -> service(c, "postgres").put("image", "postgres:17"), "postgres", "pinned-image",
                "tag '17' names no minor version");
        assertFails(c -> service(c, "metabase").put("image", "metabase/metabase:latest"), "metabase",
                "pinned-image", "not pinned");
        assertFails(c -> service(c, "kafka").put("image", "apache/kafka"), "kafka", "pinned-image", "no tag");
    }

    @Test
    void healthCheck() {
        assertFails(c -> service(c, "metabase").remove("healthcheck"), "metabase", "health-check", "no healthcheck");
    }

    @Test
    void dependsOn() {
        assertFails(c -> service(c, "flink-web").putArray("depends_on").add("jobmanager"), "flink-web",
                "depends-on", "only waits for the containers to start");
        assertFails(c -> ((ObjectNode) service(c, "taskmanager").path("depends_on").path("jobmanager"))
                .put("condition", "service_started"), "taskmanager", "depends-on", "use service_healthy");
        assertFails(c -> ((ObjectNode) service(c, "jobmanager").path("depends_on").path("minio-bucket"))
                .put("condition", "service_healthy"), "jobmanager", "depends-on", "use service_completed_successfully");
    }

    @Test
    void loopbackPorts() {
        assertFails(c -> service(c, "metabase").putArray("ports").add("3000:3000"), "metabase", "loopback-ports",
                "published on every interface");
        assertFails(c -> service(c, "postgres").putArray("ports").add("0.0.0.0:5432:5432"), "postgres",
                "loopback-ports", "published on 0.0.0.0");
    }

    @Test
    void secretLiteral() {
        assertFails(c -> environment(c, "dashboards-provisioner").put("METABASE_ADMIN_PASSWORD", "hunter2"),
                "dashboards-provisioner", "secret-literal", "METABASE_ADMIN_PASSWORD holds a literal");
        assertFails(c -> environment(c, "jobmanager").put("FLINK_PROPERTIES", "s3.secret-key: plain\n"),
                "jobmanager", "secret-literal", "FLINK_PROPERTIES s3.secret-key holds a literal");
    }

    @Test
    void envFile() {
        assertFails(c -> environment(c, "metabase").put("MB_ENCRYPTION_SECRET_KEY", "${MB_SECRET}"), "file",
                "env-file", "${MB_SECRET} is not listed in .env.example");
    }

    @Test
    void jobOptions() {
        assertFails(c -> environment(c, "clickstream-submitter").put("LAKEHOUSE_KAFKA_BOOTSTRAP_SERVER", "kafka:1"),
                "clickstream-submitter", "job-options", "LAKEHOUSE_KAFKA_BOOTSTRAP_SERVER is not an option");
        assertFails(c -> command(c, "road-traffic-submitter").add("--road-traffic.kec.baseurl").add("http://x"),
                "road-traffic-submitter", "job-options", "--road-traffic.kec.baseurl is not an option");
        assertFails(c -> command(c, "clickstream-submitter").set(2, "click-stream"), "clickstream-submitter",
                "job-options", "--job click-stream is not a job");
        assertFails(c -> command(c, "clickstream-submitter").set(0, "clickstream"), "clickstream-submitter",
                "job-options", "must name the job it looks for as lakehouse-clickstream");
        assertFails(c -> command(c, "clickstream-submitter").add("--s3.secret-key").add("${S3_SECRET_KEY}"),
                "clickstream-submitter", "job-options", "--s3.secret-key is a secret");
        assertFails(c -> environment(c, "dashboards-provisioner").put("LAKEHOUSE_STACK_BI_PASWORD", "${X}"),
                "dashboards-provisioner", "job-options", "not a variable of the lakehouse CLI");
    }

    @Test
    void pipelines() {
        assertFails(c -> ((ObjectNode) c.path("services")).remove("road-traffic-submitter"), "file", "pipelines",
                "no service submits --job road-traffic");
    }

    private static void assertFails(Consumer<ObjectNode> breakIt, String service, String rule, String message) {
        ObjectNode broken = (ObjectNode) compose.deepCopy();
        breakIt.accept(broken);
        List<Problem> problems = rules.check(broken);
        String subject = service.equals("file") ? "file" : "service '" + service + "'";
        assertThat(problems).as("problems of the broken copy").anySatisfy(problem -> {
            assertThat(problem.subject()).isEqualTo(subject);
            assertThat(problem.rule()).isEqualTo(rule);
            assertThat(problem.toString()).contains(message);
        });
    }

    private static ObjectNode service(ObjectNode compose, String name) {
        return (ObjectNode) compose.path("services").path(name);
    }

    private static ObjectNode environment(ObjectNode compose, String service) {
        return (ObjectNode) service(compose, service).path("environment");
    }

    private static ArrayNode command(ObjectNode compose, String service) {
        return (ArrayNode) service(compose, service).path("command");
    }
}
