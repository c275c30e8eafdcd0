package io.github.flinklakehouse.deploy.stack;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Immutable settings of one local stack: where it keeps its data, its ports, keys and JVM sizes.
 *
 * <p>Loaded with the precedence defaults &lt; environment ({@code LAKEHOUSE_STACK_<KEY>}) &lt; command
 * line, through {@link #load}; every value is validated here, in the compact constructor, with a
 * message that names the setting. Secrets ({@code s3-secret-key}, {@code db-password},
 * {@code bi-password}) are redacted in {@link #toString()}.
 */
public record StackConfig(
        Path repoHome,
        Path dataDir,
        String bindHost,
        int kafkaPort,
        int kafkaControllerPort,
        int s3Port,
        int postgresPort,
        int flinkRestPort,
        int flinkRpcPort,
        String s3AccessKey,
        String s3SecretKey,
        String s3Bucket,
        String s3Region,
        String dbName,
        String dbUser,
        String dbPassword,
        String biUser,
        String biPassword,
        String kafkaHeap,
        String s3ProxyHeap,
        String jobManagerProcessMemory,
        String taskManagerProcessMemory,
        Set<StackService> services,
        boolean fresh,
        Duration startTimeout,
        Duration stopTimeout) {

    /** Prefix of the environment variables that override settings, e.g. {@code LAKEHOUSE_STACK_KAFKA_PORT}. */
    public static final String ENV_PREFIX = "LAKEHOUSE_STACK_";

    /** Settings that may be given only through the environment, never on a command line. */
    public static final Set<String> SECRET_KEYS = Set.of("s3-secret-key", "db-password", "bi-password");

    /** Every setting key with its description, in the order {@code --help} and the README list them. */
    public static final Map<String, String> KEYS = keys();

    private static final Pattern MEMORY_SIZE = Pattern.compile("[1-9][0-9]*[mMgG]");
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern SQL_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** PostgreSQL's superuser: the stack keeps it to itself (random password, see {@code PostgresServer}). */
    private static final String SUPERUSER = "postgres";

    public StackConfig {
        List<String> problems = new ArrayList<>();
        require(problems, repoHome != null, "lakehouse.home", "is missing (the repository directory)");
        require(problems, dataDir != null, "data-dir", "is missing");
        require(problems, notBlank(bindHost), "bind-host", "must not be blank");
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("kafka-port", kafkaPort);
        ports.put("kafka-controller-port", kafkaControllerPort);
        ports.put("s3-port", s3Port);
        ports.put("postgres-port", postgresPort);
        ports.put("flink-port", flinkRestPort);
        ports.put("flink-rpc-port", flinkRpcPort);
        Set<Integer> seen = new HashSet<>();
        ports.forEach((key, port) -> {
            require(problems, port > 0 && port <= 65535, key, "must be a port between 1 and 65535, was " + port);
            require(problems, seen.add(port), key, "uses port " + port + " which another setting already uses");
        });
        require(problems, notBlank(s3AccessKey), "s3-access-key", "must not be blank");
        require(problems, s3SecretKey != null && s3SecretKey.length() >= 8, "s3-secret-key",
                "must have at least 8 characters");
        require(problems, s3Bucket != null && BUCKET_NAME.matcher(s3Bucket).matches(), "s3-bucket",
                "must be a valid S3 bucket name (3-63 of a-z, 0-9, '.', '-'), was '" + s3Bucket + "'");
        require(problems, notBlank(s3Region), "s3-region", "must not be blank");
        require(problems, dbName != null && SQL_IDENTIFIER.matcher(dbName).matches(), "db-name",
                "must be a lower-case SQL identifier, was '" + dbName + "'");
        require(problems, dbUser != null && SQL_IDENTIFIER.matcher(dbUser).matches(), "db-user",
                "must be a lower-case SQL identifier, was '" + dbUser + "'");
        require(problems, !SUPERUSER.equals(dbUser), "db-user",
                "must not be the superuser " + SUPERUSER + " (the pipeline has a role of its own)");
        require(problems, notBlank(dbPassword), "db-password", "must not be blank");
        require(problems, biUser != null && SQL_IDENTIFIER.matcher(biUser).matches(), "bi-user",
                "must be a lower-case SQL identifier, was '" + biUser + "'");
        require(problems, !SUPERUSER.equals(biUser) && (biUser == null || !biUser.equals(dbUser)), "bi-user",
                "must differ from db-user and from the superuser " + SUPERUSER + " (it is the read-only role)");
        require(problems, notBlank(biPassword), "bi-password", "must not be blank");
        memorySize(problems, "kafka-heap", kafkaHeap);
        memorySize(problems, "s3proxy-heap", s3ProxyHeap);
        memorySize(problems, "flink-jobmanager-memory", jobManagerProcessMemory);
        memorySize(problems, "flink-taskmanager-memory", taskManagerProcessMemory);
        require(problems, services != null && !services.isEmpty(), "services", "must name at least one service");
        require(problems, services == null || services.contains(StackService.FLINK_JOBMANAGER)
                        == services.contains(StackService.FLINK_TASKMANAGER), "services",
                "must run the Flink JobManager and TaskManager together");
        require(problems, positive(startTimeout), "start-timeout", "must be a positive number of seconds");
        require(problems, positive(stopTimeout), "stop-timeout", "must be a positive number of seconds");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid stack configuration: " + String.join("; ", problems));
        }
        repoHome = repoHome.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        services = Set.copyOf(EnumSet.copyOf(services));
    }

    /** The defaults: data under {@code <repoHome>/.lakehouse}, the usual ports, every service. */
    public static StackConfig defaults(Path repoHome) {
        return builder(repoHome).build();
    }

    /**
     * Defaults with free ephemeral ports and the given data directory, for tests that run beside a
     * stack a developer may have up on the default ports.
     */
    public static StackConfig ephemeral(Path repoHome, Path dataDir) {
        return ephemeralBuilder(repoHome, dataDir).build();
    }

    /** A builder starting from {@link #ephemeral}'s settings, to change more of them. */
    public static Builder ephemeralBuilder(Path repoHome, Path dataDir) {
        int[] ports = freePorts(6);
        return builder(repoHome)
                .set("data-dir", dataDir.toString())
                .set("kafka-port", Integer.toString(ports[0]))
                .set("kafka-controller-port", Integer.toString(ports[1]))
                .set("s3-port", Integer.toString(ports[2]))
                .set("postgres-port", Integer.toString(ports[3]))
                .set("flink-port", Integer.toString(ports[4]))
                .set("flink-rpc-port", Integer.toString(ports[5]));
    }

    /**
     * Defaults, then every {@code LAKEHOUSE_STACK_*} variable of {@code environment}, then the
     * command-line values in {@code overrides} (keys of {@link #KEYS}; null values are ignored).
     */
    public static StackConfig load(Path repoHome, Map<String, String> environment, Map<String, String> overrides) {
        Builder builder = builder(repoHome);
        for (String key : KEYS.keySet()) {
            String value = environment.get(environmentVariable(key));
            if (value != null && !value.isBlank()) {
                builder.set(key, value.trim());
            }
        }
        overrides.forEach((key, value) -> {
            if (SECRET_KEYS.contains(key)) {
                throw new IllegalArgumentException("Invalid stack configuration: " + key
                        + " is a secret and may only be set through " + environmentVariable(key));
            }
            if (value != null) {
                builder.set(key, value);
            }
        });
        return builder.build();
    }

    /** The environment variable of a setting key, e.g. {@code kafka-port} → {@code LAKEHOUSE_STACK_KAFKA_PORT}. */
    public static String environmentVariable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** A builder starting from the defaults, for variants of a configuration. */
    public static Builder builder(Path repoHome) {
        return new Builder(repoHome);
    }

    /** The same configuration with {@code fresh} set: the data directory is wiped before start. */
    public StackConfig withFresh(boolean wipe) {
        return copy().fresh(wipe).build();
    }

    /** The same configuration running only the given services (Flink means JobManager and TaskManager). */
    public StackConfig withServices(Set<StackService> only) {
        return copy().services(only).build();
    }

    /** True when this stack runs the Flink cluster. */
    public boolean runsFlink() {
        return services.contains(StackService.FLINK_JOBMANAGER);
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    /** The log file a service writes to: {@code <data>/logs/<service>.log}. */
    public Path logFile(StackService service) {
        return logsDir().resolve(service.serviceName() + ".log");
    }

    /** A service's own directory of generated config and data: {@code <data>/<service>}. */
    public Path serviceDir(StackService service) {
        return dataDir.resolve(service.serviceName());
    }

    /**
     * The file holding the random password of PostgreSQL's superuser {@code postgres} (owner read/write only),
     * {@code <data>/postgres/superuser-password}: for maintenance by hand; the stack's clients use db-user or bi-user.
     */
    public Path postgresSuperuserPasswordFile() {
        return serviceDir(StackService.POSTGRES).resolve("superuser-password");
    }

    /** The classpath folder a runtime module assembles, e.g. {@code deploy/runtimes/kafka/target/lib}. */
    public Path runtimeDir(String runtime) {
        return repoHome.resolve("deploy").resolve("runtimes").resolve(runtime).resolve("target");
    }

    /** The endpoints clients use to reach this stack. */
    public StackEndpoints endpoints() {
        return new StackEndpoints(
                bindHost + ":" + kafkaPort,
                "http://" + bindHost + ":" + s3Port,
                s3Bucket, s3AccessKey, s3SecretKey, s3Region,
                "jdbc:postgresql://" + bindHost + ":" + postgresPort + "/" + dbName,
                dbUser, dbPassword, biUser, biPassword,
                "http://" + bindHost + ":" + flinkRestPort);
    }

    /** The port a service listens on for clients (its readiness and port-conflict messages name it). */
    public int port(StackService service) {
        return switch (service) {
            case KAFKA -> kafkaPort;
            case S3 -> s3Port;
            case POSTGRES -> postgresPort;
            // The TaskManager has no fixed port of its own: it is reached through the JobManager.
            case FLINK_JOBMANAGER, FLINK_TASKMANAGER -> flinkRestPort;
        };
    }

    @Override
    public String toString() {
        return "StackConfig[repoHome=" + repoHome + ", dataDir=" + dataDir + ", bindHost=" + bindHost
                + ", kafkaPort=" + kafkaPort + ", kafkaControllerPort=" + kafkaControllerPort
                + ", s3Port=" + s3Port + ", postgresPort=" + postgresPort + ", flinkRestPort=" + flinkRestPort
                + ", flinkRpcPort=" + flinkRpcPort + ", s3AccessKey=" + s3AccessKey + ", s3SecretKey=****"
                + ", s3Bucket=" + s3Bucket + ", s3Region=" + s3Region + ", dbName=" + dbName
                + ", dbUser=" + dbUser + ", dbPassword=****, biUser=" + biUser + ", biPassword=****"
                + ", kafkaHeap=" + kafkaHeap
                + ", s3ProxyHeap=" + s3ProxyHeap + ", jobManagerProcessMemory=" + jobManagerProcessMemory
                + ", taskManagerProcessMemory=" + taskManagerProcessMemory + ", services=" + services
                + ", fresh=" + fresh + ", startTimeout=" + startTimeout + ", stopTimeout=" + stopTimeout + "]";
    }

    private Builder copy() {
        Builder b = new Builder(repoHome);
        b.dataDir = dataDir;
        b.bindHost = bindHost;
        b.kafkaPort = kafkaPort;
        b.kafkaControllerPort = kafkaControllerPort;
        b.s3Port = s3Port;
        b.postgresPort = postgresPort;
        b.flinkRestPort = flinkRestPort;
        b.flinkRpcPort = flinkRpcPort;
        b.s3AccessKey = s3AccessKey;
        b.s3SecretKey = s3SecretKey;
        b.s3Bucket = s3Bucket;
        b.s3Region = s3Region;
        b.dbName = dbName;
        b.dbUser = dbUser;
        b.dbPassword = dbPassword;
        b.biUser = biUser;
        b.biPassword = biPassword;
        b.kafkaHeap = kafkaHeap;
        b.s3ProxyHeap = s3ProxyHeap;
        b.jobManagerProcessMemory = jobManagerProcessMemory;
        b.taskManagerProcessMemory = taskManagerProcessMemory;
        b.services = services;
        b.fresh = fresh;
        b.startTimeout = startTimeout;
        b.stopTimeout = stopTimeout;
        return b;
    }

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("data-dir", "data directory (default <repo>/.lakehouse)");
        keys.put("bind-host", "address every service listens on (default 127.0.0.1)");
        keys.put("kafka-port", "Kafka broker port (default 9092)");
        keys.put("kafka-controller-port", "Kafka KRaft controller port (default 9093)");
        keys.put("s3-port", "S3 endpoint port (default 9000)");
        keys.put("postgres-port", "PostgreSQL port (default 5432)");
        keys.put("flink-port", "Flink web UI and REST port (default 8081)");
        keys.put("flink-rpc-port", "Flink JobManager RPC port (default 6123)");
        keys.put("s3-access-key", "S3 access key (default lakehouse)");
        keys.put("s3-secret-key", "S3 secret key, environment only (default lakehouse-secret)");
        keys.put("s3-bucket", "warehouse bucket (default lakehouse)");
        keys.put("s3-region", "S3 region (default us-east-1)");
        keys.put("db-name", "PostgreSQL database (default lakehouse)");
        keys.put("db-user", "PostgreSQL role of the pipeline, owner of the marts (default lakehouse)");
        keys.put("db-password", "PostgreSQL password of db-user, environment only (default lakehouse)");
        keys.put("bi-user", "read-only PostgreSQL role for dashboards and lakehouse query (default lakehouse_bi)");
        keys.put("bi-password", "PostgreSQL password of bi-user, environment only (default lakehouse-bi)");
        keys.put("kafka-heap", "Kafka broker JVM heap (default 512m)");
        keys.put("s3proxy-heap", "S3Proxy JVM heap (default 256m)");
        keys.put("flink-jobmanager-memory", "Flink JobManager process memory (default 4096m)");
        keys.put("flink-taskmanager-memory", "Flink TaskManager process memory, 4 task slots (default 4096m)");
        keys.put("services", "comma-separated services to run: kafka,s3,postgres,flink (default all)");
        keys.put("start-timeout", "seconds to wait for every service to be ready (default 180)");
        keys.put("stop-timeout", "seconds to wait for a service to stop before killing it (default 30)");
        return Collections.unmodifiableMap(keys);
    }

    private static int[] freePorts(int count) {
        return LoopbackPorts.free(count, InetAddress.getLoopbackAddress());
    }

    private static void memorySize(List<String> problems, String key, String value) {
        require(problems, value != null && MEMORY_SIZE.matcher(value).matches(), key,
                "must be a size like 512m or 2g, was '" + value + "'");
    }

    private static void require(List<String> problems, boolean ok, String key, String problem) {
        if (!ok) {
            problems.add(key + " " + problem);
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    /** Mutable builder behind {@link #load}; {@link #set} takes the same keys as the environment and CLI. */
    public static final class Builder {
        private final Path repoHome;
        private Path dataDir;
        private String bindHost = "127.0.0.1";
        private int kafkaPort = 9092;
        private int kafkaControllerPort = 9093;
        private int s3Port = 9000;
        private int postgresPort = 5432;
        private int flinkRestPort = 8081;
        private int flinkRpcPort = 6123;
        private String s3AccessKey = "lakehouse";
        private String s3SecretKey = "lakehouse-secret";
        private String s3Bucket = "lakehouse";
        private String s3Region = "us-east-1";
        private String dbName = "lakehouse";
        private String dbUser = "lakehouse";
        private String dbPassword = "lakehouse";
        private String biUser = "lakehouse_bi";
        private String biPassword = "lakehouse-bi";
        private String kafkaHeap = "512m";
        private String s3ProxyHeap = "256m";
        private String jobManagerProcessMemory = "4096m";
        // 4 slots: 1280m metaspace, then about 950m task heap and 960m managed memory (240m per slot) (FlinkConfigFiles).
        private String taskManagerProcessMemory = "4096m";
        private Set<StackService> services = EnumSet.allOf(StackService.class);
        private boolean fresh;
        private Duration startTimeout = Duration.ofSeconds(180);
        private Duration stopTimeout = Duration.ofSeconds(30);

        private Builder(Path repoHome) {
            this.repoHome = repoHome;
            this.dataDir = repoHome == null ? null : repoHome.resolve(".lakehouse");
        }

        /** Sets one setting by its key (see {@link StackConfig#KEYS}) from its text form. */
        public Builder set(String key, String value) {
            switch (key) {
                case "data-dir" -> dataDir = Path.of(value);
                case "bind-host" -> bindHost = value;
                case "kafka-port" -> kafkaPort = integer(key, value);
                case "kafka-controller-port" -> kafkaControllerPort = integer(key, value);
                case "s3-port" -> s3Port = integer(key, value);
                case "postgres-port" -> postgresPort = integer(key, value);
                case "flink-port" -> flinkRestPort = integer(key, value);
                case "flink-rpc-port" -> flinkRpcPort = integer(key, value);
                case "s3-access-key" -> s3AccessKey = value;
                case "s3-secret-key" -> s3SecretKey = value;
                case "s3-bucket" -> s3Bucket = value;
                case "s3-region" -> s3Region = value;
                case "db-name" -> dbName = value;
                case "db-user" -> dbUser = value;
                case "db-password" -> dbPassword = value;
                case "bi-user" -> biUser = value;
                case "bi-password" -> biPassword = value;
                case "kafka-heap" -> kafkaHeap = value;
                case "s3proxy-heap" -> s3ProxyHeap = value;
                case "flink-jobmanager-memory" -> jobManagerProcessMemory = value;
                case "flink-taskmanager-memory" -> taskManagerProcessMemory = value;
                case "services" -> services = parseServices(value);
                case "start-timeout" -> startTimeout = Duration.ofSeconds(integer(key, value));
                case "stop-timeout" -> stopTimeout = Duration.ofSeconds(integer(key, value));
                default -> throw new IllegalArgumentException("Invalid stack configuration: unknown setting " + key);
            }
            return this;
        }

        public Builder services(Set<StackService> only) {
            this.services = only;
            return this;
        }

        public Builder fresh(boolean wipe) {
            this.fresh = wipe;
            return this;
        }

        public StackConfig build() {
            return new StackConfig(repoHome, dataDir, bindHost, kafkaPort, kafkaControllerPort, s3Port,
                    postgresPort, flinkRestPort, flinkRpcPort, s3AccessKey, s3SecretKey, s3Bucket, s3Region,
                    dbName, dbUser, dbPassword, biUser, biPassword, kafkaHeap, s3ProxyHeap, jobManagerProcessMemory,
                    taskManagerProcessMemory, services, fresh, startTimeout, stopTimeout);
        }

        private static int integer(String key, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "Invalid stack configuration: " + key + " must be a number, was '" + value + "'");
            }
        }

        private static Set<StackService> parseServices(String value) {
            Set<StackService> parsed = EnumSet.noneOf(StackService.class);
            for (String name : value.split(",")) {
                switch (name.trim().toLowerCase(Locale.ROOT)) {
                    case "kafka" -> parsed.add(StackService.KAFKA);
                    case "s3", "s3proxy" -> parsed.add(StackService.S3);
                    case "postgres", "postgresql" -> parsed.add(StackService.POSTGRES);
                    case "flink" -> {
                        parsed.add(StackService.FLINK_JOBMANAGER);
                        parsed.add(StackService.FLINK_TASKMANAGER);
                    }
                    default -> throw new IllegalArgumentException("Invalid stack configuration: services "
                            + "has unknown service '" + name.trim() + "' (known: kafka, s3, postgres, flink)");
                }
            }
            return parsed;
        }
    }
}
