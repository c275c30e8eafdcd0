package io.github.flinklakehouse.manifests;

import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.config.OptionGroup;
import io.github.flinklakehouse.jobs.config.SharedOptions;
import io.github.flinklakehouse.jobs.pipeline.Pipeline;
import io.github.flinklakehouse.jobs.pipeline.PipelineRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;

/**
 * What the code declares, to check deployment files against, with no hand-kept list: the job jar's jobs and option
 * keys ({@link LakehouseJobs#PIPELINES}, as {@code --key} and as {@code LAKEHOUSE_*} variables), which of them are
 * secret, and the CLI's {@code LAKEHOUSE_STACK_*} variables ({@link StackConfig}).
 */
public final class JobOptions {

    private static final String STACK_PREFIX = StackConfig.ENV_PREFIX;

    private final PipelineRegistry registry;
    private final Set<String> keys = new HashSet<>();
    private final Map<String, String> keyByVariable = new HashMap<>();
    private final Set<String> secretKeys = new HashSet<>();
    private final Set<String> stackVariables = new HashSet<>();
    private final Set<String> secretVariables = new HashSet<>();

    private JobOptions(PipelineRegistry registry) {
        this.registry = registry;
        for (OptionGroup<?> group : registry.optionGroups()) {
            for (ConfigOption<?> option : group.options()) {
                add(option.key());
                for (FallbackKey fallback : option.fallbackKeys()) {
                    add(fallback.getKey());
                }
            }
            secretKeys.addAll(group.secretKeys());
        }
        secretKeys.forEach(key -> secretVariables.add(SharedOptions.envName(key)));
        StackConfig.KEYS.keySet().forEach(key -> stackVariables.add(StackConfig.environmentVariable(key)));
        StackConfig.SECRET_KEYS.forEach(key -> secretVariables.add(StackConfig.environmentVariable(key)));
    }

    /** The options of the job jar's pipelines and of the CLI. */
    public static JobOptions declared() {
        return new JobOptions(LakehouseJobs.PIPELINES);
    }

    private void add(String key) {
        keys.add(key);
        keyByVariable.put(SharedOptions.envName(key), key);
    }

    /** True when the variable holds a secret: declared so in code, or named like one. */
    public boolean isSecretVariable(String variable) {
        return secretVariables.contains(variable) || SecretNames.looksSecret(variable);
    }

    /** Why a {@code LAKEHOUSE_*} variable is not one the job or the CLI reads; empty for others and known ones. */
    public Optional<String> unknownVariable(String variable) {
        if (variable.startsWith(STACK_PREFIX)) {
            return stackVariables.contains(variable) ? Optional.empty()
                    : Optional.of(variable + " is not a variable of the lakehouse CLI (StackConfig keys: "
                            + String.join(", ", new TreeSet<>(stackVariables)) + ")");
        }
        if (variable.startsWith(SharedOptions.ENV_PREFIX) && !keyByVariable.containsKey(variable)) {
            return Optional.of(variable + " is not an option of the job jar (`--help` of lakehouse-jobs.jar lists "
                    + "them: LAKEHOUSE_ + the key upper-cased, . and - as _)");
        }
        return Optional.empty();
    }

    /**
     * What is wrong with a job's arguments ({@code --job <name> [--config <file>] [--<key> <value> ...]}): no or an
     * unknown job, unknown keys, secrets on the command line (they would show in the web UI), a key without a value.
     */
    public List<String> argumentProblems(List<String> arguments) {
        List<String> problems = new ArrayList<>();
        Optional<String> job = value(arguments, "job");
        if (job.isEmpty()) {
            problems.add("no --job: name one of " + String.join(", ", registry.jobNames()));
        } else if (registry.job(job.get()).isEmpty()) {
            problems.add("--job " + job.get() + " is not a job of the jar; jobs: " + String.join(", ",
                    registry.jobNames()));
        }
        for (int i = 0; i < arguments.size(); i += 2) {
            String flag = arguments.get(i);
            if (!flag.startsWith("--")) {
                problems.add("'" + flag + "' is not an --option (every option takes one value)");
                i--;
                continue;
            }
            String key = flag.substring(2);
            if (i + 1 >= arguments.size()) {
                problems.add(flag + " has no value");
            }
            if (key.equals("job") || key.equals("config")) {
                continue;
            }
            if (!keys.contains(key)) {
                problems.add(flag + " is not an option of the job jar");
            } else if (secretKeys.contains(key) || SecretNames.looksSecret(key)) {
                problems.add(flag + " is a secret: give it as " + SharedOptions.envName(key) + " from a secret");
            }
        }
        return problems;
    }

    /** The Flink job name ({@code pipeline.name}) the job of {@code arguments} runs under, if it names a known job. */
    public Optional<String> flinkJobName(List<String> arguments) {
        return value(arguments, "job").flatMap(registry::job).map(entry -> entry.job().flinkJobName());
    }

    /**
     * The live job of every registered pipeline (the job named like its pipeline), which a deployment must run:
     * a new pipeline fails CI until docker-compose.yml and deploy/k8s run it too.
     */
    public List<String> liveJobs() {
        return registry.pipelines().stream().map(Pipeline::name).filter(name -> registry.job(name).isPresent())
                .toList();
    }

    /** The value of {@code --key} in {@code arguments}. */
    public static Optional<String> value(List<String> arguments, String key) {
        int index = arguments.indexOf("--" + key);
        return index >= 0 && index + 1 < arguments.size() ? Optional.of(arguments.get(index + 1)) : Optional.empty();
    }
}
