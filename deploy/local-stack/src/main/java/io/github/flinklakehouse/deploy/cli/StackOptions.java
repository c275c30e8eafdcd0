package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.stack.StackConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The stack settings as command-line options, mixed into every subcommand that needs a stack.
 * Each option overrides its {@code LAKEHOUSE_STACK_*} variable; secrets come only from the environment.
 */
public final class StackOptions {

    @Option(names = "--data-dir", description = "Data directory (env LAKEHOUSE_STACK_DATA_DIR; default <repo>/.lakehouse).")
    Path dataDir;

    @Option(names = "--bind-host", description = "Address every service listens on (env LAKEHOUSE_STACK_BIND_HOST; default 127.0.0.1).")
    String bindHost;

    @Option(names = "--kafka-port", description = "Kafka broker port (env LAKEHOUSE_STACK_KAFKA_PORT; default 9092).")
    Integer kafkaPort;

    @Option(names = "--kafka-controller-port", description = "Kafka controller port (env LAKEHOUSE_STACK_KAFKA_CONTROLLER_PORT; default 9093).")
    Integer kafkaControllerPort;

    @Option(names = "--s3-port", description = "S3 endpoint port (env LAKEHOUSE_STACK_S3_PORT; default 9000).")
    Integer s3Port;

    @Option(names = "--postgres-port", description = "PostgreSQL port (env LAKEHOUSE_STACK_POSTGRES_PORT; default 5432).")
    Integer postgresPort;

    @Option(names = "--flink-port", description = "Flink web UI / REST port (env LAKEHOUSE_STACK_FLINK_PORT; default 8081).")
    Integer flinkPort;

    @Option(names = "--flink-rpc-port", description = "Flink JobManager RPC port (env LAKEHOUSE_STACK_FLINK_RPC_PORT; default 6123).")
    Integer flinkRpcPort;

    @Option(names = "--s3-access-key", description = "S3 access key (env LAKEHOUSE_STACK_S3_ACCESS_KEY; default lakehouse). "
            + "The secret key is read from LAKEHOUSE_STACK_S3_SECRET_KEY only.")
    String s3AccessKey;

    @Option(names = "--s3-bucket", description = "Warehouse bucket (env LAKEHOUSE_STACK_S3_BUCKET; default lakehouse).")
    String s3Bucket;

    @Option(names = "--s3-region", description = "S3 region (env LAKEHOUSE_STACK_S3_REGION; default us-east-1).")
    String s3Region;

    @Option(names = "--db-user", description = "PostgreSQL user (env LAKEHOUSE_STACK_DB_USER; default lakehouse). "
            + "The password is read from LAKEHOUSE_STACK_DB_PASSWORD only.")
    String dbUser;

    @Option(names = "--bi-user", description = "Read-only PostgreSQL role for dashboards and `query` (env "
            + "LAKEHOUSE_STACK_BI_USER; default lakehouse_bi). The password is read from LAKEHOUSE_STACK_BI_PASSWORD only.")
    String biUser;

    @Option(names = "--kafka-heap", description = "Kafka broker heap (env LAKEHOUSE_STACK_KAFKA_HEAP; default 512m).")
    String kafkaHeap;

    @Option(names = "--s3proxy-heap", description = "S3Proxy heap (env LAKEHOUSE_STACK_S3PROXY_HEAP; default 256m).")
    String s3ProxyHeap;

    @Option(names = "--flink-jobmanager-memory", description = "JobManager process memory (env LAKEHOUSE_STACK_FLINK_JOBMANAGER_MEMORY; default 4096m).")
    String jobManagerMemory;

    @Option(names = "--flink-taskmanager-memory", description = "TaskManager process memory (env LAKEHOUSE_STACK_FLINK_TASKMANAGER_MEMORY; default 4096m, 4 task slots).")
    String taskManagerMemory;

    @Option(names = "--services", description = "Services to run, comma-separated: kafka,s3,postgres,flink (env LAKEHOUSE_STACK_SERVICES; default all).")
    String services;

    @Option(names = "--start-timeout", description = "Seconds to wait for the stack to be ready (env LAKEHOUSE_STACK_START_TIMEOUT; default 180).")
    Integer startTimeout;

    @Option(names = "--stop-timeout", description = "Seconds to wait for a service to stop before killing it (env LAKEHOUSE_STACK_STOP_TIMEOUT; default 30).")
    Integer stopTimeout;

    /** The stack configuration: defaults, then the environment, then these options. */
    public StackConfig toConfig() {
        return StackConfig.load(repoHome(), System.getenv(), overrides());
    }

    /** The repository the CLI runs from: {@code -Dlakehouse.home} (set by the script), else the current directory. */
    public static Path repoHome() {
        return Path.of(System.getProperty("lakehouse.home", ".")).toAbsolutePath().normalize();
    }

    private Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>();
        put(overrides, "data-dir", dataDir);
        put(overrides, "bind-host", bindHost);
        put(overrides, "kafka-port", kafkaPort);
        put(overrides, "kafka-controller-port", kafkaControllerPort);
        put(overrides, "s3-port", s3Port);
        put(overrides, "postgres-port", postgresPort);
        put(overrides, "flink-port", flinkPort);
        put(overrides, "flink-rpc-port", flinkRpcPort);
        put(overrides, "s3-access-key", s3AccessKey);
        put(overrides, "s3-bucket", s3Bucket);
        put(overrides, "s3-region", s3Region);
        put(overrides, "db-user", dbUser);
        put(overrides, "bi-user", biUser);
        put(overrides, "kafka-heap", kafkaHeap);
        put(overrides, "s3proxy-heap", s3ProxyHeap);
        put(overrides, "flink-jobmanager-memory", jobManagerMemory);
        put(overrides, "flink-taskmanager-memory", taskManagerMemory);
        put(overrides, "services", services);
        put(overrides, "start-timeout", startTimeout);
        put(overrides, "stop-timeout", stopTimeout);
        return overrides;
    }

    private static void put(Map<String, String> overrides, String key, Object value) {
        if (value != null) {
            overrides.put(key, value.toString());
        }
    }
}
