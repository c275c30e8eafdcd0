package io.github.flinklakehouse.manifests;

import io.github.flinklakehouse.jobs.config.SharedOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a Flink Kubernetes Operator {@code FlinkDeployment} without a cluster: its {@code spec} against the
 * operator's CRD schema (vendored; unknown fields refused, as {@code kubectl apply}'s strict field validation does)
 * and the project's rules, each problem naming the deployment and the rule.
 *
 * <ul>
 *   <li>{@code schema}: {@code flink.apache.org/v1beta1 FlinkDeployment} and a valid {@code spec};</li>
 *   <li>{@code pinned-image}: see {@link ImageReference};</li>
 *   <li>{@code upgrade-mode}: {@code spec.job.upgradeMode: savepoint} (a new version or parallelism restores the
 *       state it left);</li>
 *   <li>{@code state-on-s3}: checkpoint and savepoint directories on {@code s3://};</li>
 *   <li>{@code resources}: cpu and memory of the JobManager and the TaskManagers;</li>
 *   <li>{@code parallelism}: {@code spec.job.parallelism} set, and equal to the job's own {@code pipeline.parallelism}
 *       (the job sets its parallelism from it, which would win over the operator's);</li>
 *   <li>{@code job-options}: the job's arguments and {@code LAKEHOUSE_*} variables are declared by the code;</li>
 *   <li>{@code secret-literal}: a secret variable comes from a Kubernetes secret ({@code valueFrom.secretKeyRef}), and
 *       no secret is in {@code flinkConfiguration};</li>
 *   <li>{@code no-ingress}: no {@code spec.ingress}: the web UI runs any uploaded jar; reach it through
 *       {@code kubectl port-forward}, which listens on loopback;</li>
 *   <li>{@code pipelines} (over a folder, {@link #missingPipelines}): every registered pipeline's live job has a
 *       FlinkDeployment.</li>
 * </ul>
 */
public final class FlinkDeploymentRules {

    /** The vendored CRD (see schemas/README.md). */
    public static final String CRD_RESOURCE = "/schemas/flinkdeployments.flink.apache.org-v1.yml";
    static final String API_VERSION = "flink.apache.org/v1beta1";
    static final String KIND = "FlinkDeployment";

    private final JsonSchemaCheck specSchema;
    private final JobOptions options;

    public FlinkDeploymentRules(JobOptions options) {
        this.specSchema = new JsonSchemaCheck(CRD_RESOURCE,
                StrictSchema.of(specSchemaOf(SchemaResources.read(CRD_RESOURCE))));
        this.options = options;
    }

    /** The {@code openAPIV3Schema} of {@code spec} in the CRD's served {@code v1beta1} version. */
    private static JsonNode specSchemaOf(JsonNode crd) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            if ("v1beta1".equals(version.path("name").asString(""))) {
                return version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
            }
        }
        throw new IllegalStateException("The CRD " + CRD_RESOURCE + " has no v1beta1 version");
    }

    /** One problem for each registered pipeline whose live job none of {@code deployments} runs. */
    public List<Problem> missingPipelines(String folder, List<JsonNode> deployments) {
        List<String> deployed = new ArrayList<>();
        for (JsonNode deployment : deployments) {
            List<String> arguments = new ArrayList<>();
            deployment.path("spec").path("job").path("args").forEach(argument -> arguments.add(argument.asString()));
            JobOptions.value(arguments, "job").ifPresent(deployed::add);
        }
        return options.liveJobs().stream().filter(job -> !deployed.contains(job))
                .map(job -> new Problem(folder, "folder", "pipelines", "no FlinkDeployment runs --job " + job
                        + " (every registered pipeline's live job has one)"))
                .toList();
    }

    /** Every problem of {@code deployment} (a FlinkDeployment's tree) in {@code file}. */
    public List<Problem> check(String file, JsonNode deployment) {
        String subject = "FlinkDeployment '" + deployment.path("metadata").path("name").asString("?") + "'";
        List<Problem> problems = new ArrayList<>();
        Reporter report = (rule, message) -> problems.add(new Problem(file, subject, rule, message));
        if (!API_VERSION.equals(deployment.path("apiVersion").asString("")) || !KIND.equals(
                deployment.path("kind").asString(""))) {
            report.add("schema", "not a " + API_VERSION + " " + KIND);
        }
        JsonNode spec = deployment.path("spec");
        specSchema.violations(spec).forEach(violation -> report.add("schema", violation.replaceFirst("^\\$", "spec")));

        ImageReference.unpinned(spec.path("image").asString("")).ifPresent(why -> report.add("pinned-image", why));
        String upgradeMode = spec.path("job").path("upgradeMode").asString("stateless");
        if (!upgradeMode.equals("savepoint")) {
            report.add("upgrade-mode", "spec.job.upgradeMode is " + upgradeMode + "; use savepoint");
        }
        JsonNode flinkConfiguration = spec.path("flinkConfiguration");
        for (String key : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir")) {
            String directory = flinkConfiguration.path(key).asString("");
            if (!directory.startsWith("s3://")) {
                report.add("state-on-s3", "flinkConfiguration " + key + " is '" + directory + "'; use s3://...");
            }
        }
        for (String component : List.of("jobManager", "taskManager")) {
            JsonNode resource = spec.path(component).path("resource");
            if (!resource.has("cpu") || !resource.has("memory")) {
                report.add("resources", "spec." + component + ".resource needs cpu and memory (the pods' requests)");
            }
        }
        if (spec.path("ingress").isObject()) {
            report.add("no-ingress", "spec.ingress publishes the web UI, which runs any uploaded jar; use "
                    + "kubectl port-forward");
        }
        flinkConfiguration.propertyNames().stream().filter(SecretNames::looksSecret).forEach(key ->
                report.add("secret-literal", "flinkConfiguration " + key + " is a secret in plain text; give it to "
                        + "the pods as a variable from a Kubernetes secret"));
        List<JsonNode> environment = environment(spec);
        checkEnvironment(environment, report);
        checkJob(spec.path("job"), environment, report);
        return problems;
    }

    private void checkEnvironment(List<JsonNode> environment, Reporter report) {
        for (JsonNode variable : environment) {
            String name = variable.path("name").asString("");
            options.unknownVariable(name).ifPresent(why -> report.add("job-options", why));
            if (options.isSecretVariable(name) && !variable.path("valueFrom").has("secretKeyRef")) {
                report.add("secret-literal", "variable " + name + " is a secret: take it from a Kubernetes secret "
                        + "(valueFrom.secretKeyRef), never a value");
            }
        }
    }

    private void checkJob(JsonNode job, List<JsonNode> environment, Reporter report) {
        List<String> arguments = new ArrayList<>();
        job.path("args").forEach(argument -> arguments.add(argument.asString()));
        options.argumentProblems(arguments).forEach(why -> report.add("job-options", "spec.job.args: " + why));
        if (!job.path("parallelism").isInt()) {
            report.add("parallelism", "spec.job.parallelism is not set");
            return;
        }
        int parallelism = job.path("parallelism").asInt();
        String key = SharedOptions.PIPELINE_PARALLELISM.key();
        String jobParallelism = JobOptions.value(arguments, key)
                .or(() -> variable(environment, SharedOptions.envName(key)))
                .orElse(String.valueOf(SharedOptions.PIPELINE_PARALLELISM.defaultValue()));
        if (!jobParallelism.equals(String.valueOf(parallelism))) {
            report.add("parallelism", "spec.job.parallelism is " + parallelism + " but the job's --" + key + " is "
                    + jobParallelism + " (the job's wins): change both together");
        }
    }

    private static Optional<String> variable(List<JsonNode> environment, String name) {
        return environment.stream().filter(variable -> name.equals(variable.path("name").asString("")))
                .map(variable -> variable.path("value").asString("")).findFirst();
    }

    /** The env entries of every container of the pod templates (shared, JobManager's, TaskManagers'). */
    private static List<JsonNode> environment(JsonNode spec) {
        List<JsonNode> environment = new ArrayList<>();
        for (JsonNode template : List.of(spec.path("podTemplate"), spec.path("jobManager").path("podTemplate"),
                spec.path("taskManager").path("podTemplate"))) {
            for (String containers : List.of("containers", "initContainers")) {
                for (JsonNode container : template.path("spec").path(containers)) {
                    container.path("env").forEach(environment::add);
                }
            }
        }
        return environment;
    }

    @FunctionalInterface
    private interface Reporter {
        void add(String rule, String message);
    }

    /**
     * A CRD's structural schema made strict: every object schema that lists its properties and neither allows others
     * nor preserves unknown fields refuses unknown ones, as the API server's strict field validation does (the JSON
     * schema alone would let a misspelt field through, and the API server would drop it).
     */
    static final class StrictSchema {

        private StrictSchema() {
        }

        static JsonNode of(JsonNode schema) {
            JsonNode copy = schema.deepCopy();
            tighten(copy);
            return copy;
        }

        private static void tighten(JsonNode node) {
            if (node instanceof ObjectNode object && object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                tighten(child.getValue());
            }
            if (node.isArray()) {
                node.forEach(StrictSchema::tighten);
            }
        }
    }
}
