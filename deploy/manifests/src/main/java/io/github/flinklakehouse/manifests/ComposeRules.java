package io.github.flinklakehouse.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Checks a compose file without a Docker engine: the Compose Specification's JSON schema (vendored) and the project's
 * rules, each problem naming the service and the rule.
 *
 * <ul>
 *   <li>{@code schema}: valid by the Compose Specification;</li>
 *   <li>{@code pinned-image}: see {@link ImageReference};</li>
 *   <li>{@code health-check}: a long-running service has a health check; a one-shot one says
 *       {@code restart: "no"};</li>
 *   <li>{@code depends-on}: the long form, {@code service_healthy} on a long-running service,
 *       {@code service_completed_successfully} on a one-shot one;</li>
 *   <li>{@code loopback-ports}: every published port binds 127.0.0.1 (or ::1), no host networking;</li>
 *   <li>{@code secret-literal}: a secret (by name: variables, and {@code key: value} lines of multi-line values such as
 *       FLINK_PROPERTIES) is exactly one {@code ${VAR}} interpolation;</li>
 *   <li>{@code env-file}: every interpolated variable is listed in {@code .env.example};</li>
 *   <li>{@code job-options}: {@code LAKEHOUSE_*} variables and a submitter's {@code --job ...} arguments are
 *       declared by the code ({@link JobOptions}), and the job name before {@code --job} is the Flink job name
 *       the job runs under (the submitter looks for it to stay idempotent);</li>
 *   <li>{@code pipelines}: every registered pipeline's live job has a submitter.</li>
 * </ul>
 */
public final class ComposeRules {

    /** The vendored Compose Specification schema (see schemas/README.md). */
    public static final String SCHEMA_RESOURCE = "/schemas/compose-spec.json";

    private static final Pattern WHOLE_INTERPOLATION = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?[-?][^}]*)?}");
    private static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern PROPERTY_LINE = Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*:\\s*(.*)$");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "[::1]");

    private final String file;
    private final JsonSchemaCheck schema;
    private final JobOptions options;
    private final Set<String> envFileVariables;

    /**
     * @param file the file's name in messages
     * @param envFileVariables the variables {@code .env.example} lists
     */
    public ComposeRules(String file, JobOptions options, Set<String> envFileVariables) {
        this.file = file;
        this.schema = new JsonSchemaCheck(SCHEMA_RESOURCE, SchemaResources.read(SCHEMA_RESOURCE));
        this.options = options;
        this.envFileVariables = envFileVariables;
    }

    /** The variables an env file ({@code NAME=value} lines, # comments) sets. */
    public static Set<String> envFileVariables(Path envFile) {
        try {
            return Files.readAllLines(envFile).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#") && line.contains("="))
                    .map(line -> line.substring(0, line.indexOf('=')).strip())
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + envFile, e);
        }
    }

    /** Every problem of {@code compose} (a compose file's tree, see {@link YamlDocuments}). */
    public List<Problem> check(JsonNode compose) {
        List<Problem> problems = new ArrayList<>();
        for (String violation : schema.violations(compose)) {
            problems.add(new Problem(file, subjectOf(violation), "schema", violation));
        }
        JsonNode services = compose.path("services");
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            new ServiceCheck(service.getKey(), service.getValue(), services, problems).run();
        }
        Set<String> submitted = new TreeSet<>();
        for (JsonNode service : services) {
            List<String> command = new ArrayList<>();
            service.path("command").forEach(part -> command.add(part.asString()));
            JobOptions.value(command, "job").ifPresent(submitted::add);
        }
        for (String job : options.liveJobs()) {
            if (!submitted.contains(job)) {
                problems.add(new Problem(file, "file", "pipelines", "no service submits --job " + job + " (every "
                        + "registered pipeline's live job has a submitter)"));
            }
        }
        for (String variable : interpolatedVariables(compose)) {
            if (!envFileVariables.contains(variable)) {
                problems.add(new Problem(file, "file", "env-file", "${" + variable + "} is not listed in "
                        + ".env.example: the one .env must name every variable the file reads"));
            }
        }
        return problems;
    }

    private static String subjectOf(String violation) {
        Matcher service = Pattern.compile("^/services/([^/:]+)").matcher(violation);
        return service.find() ? "service '" + service.group(1) + "'" : "file";
    }

    private static Set<String> interpolatedVariables(JsonNode node) {
        Set<String> variables = new TreeSet<>();
        collectInterpolations(node, variables);
        return variables;
    }

    private static void collectInterpolations(JsonNode node, Set<String> variables) {
        if (node.isString()) {
            Matcher matcher = INTERPOLATION.matcher(node.stringValue());
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
        }
        for (JsonNode child : node) {
            collectInterpolations(child, variables);
        }
    }

    /** Whether a service runs once and exits (bucket creation, submitters, provisioner, SQL client). */
    private static boolean oneShot(JsonNode service) {
        return "no".equals(service.path("restart").asString(""));
    }

    /** The rules of one service. */
    private final class ServiceCheck {
        private final String name;
        private final JsonNode service;
        private final JsonNode services;
        private final List<Problem> problems;

        ServiceCheck(String name, JsonNode service, JsonNode services, List<Problem> problems) {
            this.name = name;
            this.service = service;
            this.services = services;
            this.problems = problems;
        }

        void run() {
            image();
            healthCheck();
            dependsOn();
            ports();
            environment();
            jobArguments();
        }

        private void problem(String rule, String message) {
            problems.add(new Problem(file, "service '" + name + "'", rule, message));
        }

        private void image() {
            JsonNode image = service.get("image");
            if (image == null) {
                problem("pinned-image", "no image: every service runs a pinned image (no local builds)");
            } else {
                ImageReference.unpinned(image.asString()).ifPresent(why -> problem("pinned-image", why));
            }
        }

        private void healthCheck() {
            JsonNode check = service.path("healthcheck");
            boolean hasCheck = check.has("test") && !check.path("disable").asBoolean(false);
            if (!hasCheck && !oneShot(service)) {
                problem("health-check", "no healthcheck: a long-running service needs one (others wait for "
                        + "service_healthy), or mark a one-shot service with restart: \"no\"");
            }
        }

        private void dependsOn() {
            JsonNode dependsOn = service.path("depends_on");
            if (dependsOn.isArray()) {
                problem("depends-on", "depends_on as a list only waits for the containers to start; use "
                        + "`<service>: {condition: service_healthy}` (service_completed_successfully for one-shots)");
                return;
            }
            for (Map.Entry<String, JsonNode> dependency : dependsOn.properties()) {
                JsonNode target = services.get(dependency.getKey());
                if (target == null) {
                    problem("depends-on", "depends on '" + dependency.getKey() + "', which is not a service");
                    continue;
                }
                String expected = oneShot(target) ? "service_completed_successfully" : "service_healthy";
                String condition = dependency.getValue().path("condition").asString("service_started");
                if (!condition.equals(expected)) {
                    problem("depends-on", "waits for '" + dependency.getKey() + "' with condition " + condition
                            + "; use " + expected);
                }
            }
        }

        private void ports() {
            if ("host".equals(service.path("network_mode").asString(""))) {
                problem("loopback-ports", "network_mode: host puts every port of the container on the host's "
                        + "interfaces");
            }
            for (JsonNode port : service.path("ports")) {
                String hostIp = port.isObject() ? port.path("host_ip").asString("") : hostIp(port.asString());
                if (!LOOPBACK.contains(hostIp)) {
                    problem("loopback-ports", "port " + (port.isObject() ? port.toString() : port.asString())
                            + " is published on " + (hostIp.isEmpty() ? "every interface" : hostIp)
                            + "; publish on 127.0.0.1 only (\"127.0.0.1:<host>:<container>\")");
                }
            }
        }

        /** The host address of a short-syntax port ({@code [ip:]host:container}), empty when none is given. */
        private static String hostIp(String port) {
            if (port.startsWith("[")) {
                return port.substring(0, port.indexOf(']') + 1);
            }
            String[] parts = port.split(":");
            return parts.length == 3 ? parts[0] : "";
        }

        private void environment() {
            for (Map.Entry<String, String> variable : environmentOf(service).entrySet()) {
                String key = variable.getKey();
                String value = variable.getValue();
                if (options.isSecretVariable(key)) {
                    requireInterpolation(key, value);
                }
                options.unknownVariable(key).ifPresent(why -> problem("job-options", why));
                if (value.contains("\n")) {
                    for (String line : value.split("\n")) {
                        Matcher property = PROPERTY_LINE.matcher(line);
                        if (property.matches() && SecretNames.looksSecret(property.group(1))) {
                            requireInterpolation(key + " " + property.group(1), property.group(2).strip());
                        }
                    }
                }
            }
        }

        private void requireInterpolation(String what, String value) {
            if (!WHOLE_INTERPOLATION.matcher(value).matches()) {
                problem("secret-literal", what + " holds a literal; a secret comes from .env as ${VAR} (see "
                        + ".env.example)");
            }
        }

        private void jobArguments() {
            List<String> command = new ArrayList<>();
            service.path("command").forEach(part -> command.add(part.asString()));
            int job = command.indexOf("--job");
            if (job < 0) {
                return;
            }
            List<String> arguments = command.subList(job, command.size());
            options.argumentProblems(arguments).forEach(why -> problem("job-options", why));
            options.flinkJobName(arguments).ifPresent(flinkName -> {
                if (job == 0 || !command.get(job - 1).equals(flinkName)) {
                    problem("job-options", "the submitter must name the job it looks for as " + flinkName
                            + " (the Flink job name of --job " + JobOptions.value(arguments, "job").orElseThrow()
                            + "), right before --job");
                }
            });
        }
    }

    /** A service's environment as name → value, from either compose form (map, or list of NAME=value). */
    static Map<String, String> environmentOf(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            for (JsonNode entry : node) {
                String text = entry.asString();
                int equals = text.indexOf('=');
                environment.put(equals < 0 ? text : text.substring(0, equals),
                        equals < 0 ? "" : text.substring(equals + 1));
            }
        } else {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                environment.put(entry.getKey(), entry.getValue().isNull() ? "" : entry.getValue().asString());
            }
        }
        return environment;
    }
}
