package io.github.flinklakehouse.jobs.pipeline;

import io.github.flinklakehouse.jobs.config.ConfigException;
import io.github.flinklakehouse.jobs.config.ConfigHelp;
import io.github.flinklakehouse.jobs.config.ConfigLoader;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.config.OptionGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The pipelines a job jar runs, and what serves them all: {@code --job} resolves to one of their jobs, {@code --help}
 * lists their jobs and options, and the configuration is loaded with every pipeline's options (so one file may
 * configure several pipelines). Job names must be unique.
 */
public final class PipelineRegistry {

    /** A job and the pipeline it belongs to. */
    public record Entry(Pipeline pipeline, PipelineJob job) {
    }

    private final List<Pipeline> pipelines;
    private final Map<String, Entry> jobs = new LinkedHashMap<>();

    private PipelineRegistry(List<Pipeline> pipelines) {
        this.pipelines = List.copyOf(pipelines);
        for (Pipeline pipeline : pipelines) {
            for (PipelineJob job : pipeline.jobs()) {
                if (jobs.putIfAbsent(job.name(), new Entry(pipeline, job)) != null) {
                    throw new IllegalArgumentException("Two pipelines define the job " + job.name());
                }
            }
        }
    }

    /** A registry of {@code pipelines}. */
    public static PipelineRegistry of(Pipeline... pipelines) {
        return new PipelineRegistry(List.of(pipelines));
    }

    /** A registry of these pipelines and {@code more}. */
    public PipelineRegistry with(Pipeline more) {
        List<Pipeline> all = new ArrayList<>(pipelines);
        all.add(more);
        return new PipelineRegistry(all);
    }

    public List<Pipeline> pipelines() {
        return pipelines;
    }

    /** The pipeline named {@code name}. */
    public Pipeline pipeline(String name) {
        return pipelines.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("Unknown pipeline '" + name + "'. Valid pipelines: "
                        + pipelines.stream().map(Pipeline::name).collect(Collectors.joining(", "))));
    }

    /** The job named {@code name}, if any pipeline has it. */
    public Optional<Entry> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /** Every job name, in registration order. */
    public List<String> jobNames() {
        return List.copyOf(jobs.keySet());
    }

    /** The shared option groups, then every pipeline's. */
    public List<OptionGroup<?>> optionGroups() {
        return ConfigLoader.groups(pipelineGroups());
    }

    /** Loads the configuration with every pipeline's options (see {@link ConfigLoader#load}). */
    public LakehouseConfig loadConfig(Map<String, String> commandLine, Optional<Path> configFile,
            Map<String, String> environment) {
        return ConfigLoader.load(commandLine, configFile, environment, pipelineGroups());
    }

    /** The defaults of every option (what the local stack expects). */
    public LakehouseConfig defaults() {
        return loadConfig(Map.of(), Optional.empty(), Map.of());
    }

    /** The {@code --help} text: the jobs, then every option group. */
    public String usage() {
        StringBuilder text = new StringBuilder("Usage: --job <" + String.join("|", jobNames())
                + "> [--config <file.properties>] [--<key> <value> ...]\n\nJobs:\n");
        jobs.values().forEach(entry -> text.append(String.format("  %-24s %s%n", entry.job().name(),
                entry.job().description())));
        return text.append('\n').append(ConfigHelp.render(optionGroups())).toString();
    }

    /** What a missing or unknown {@code --job} is told. */
    public String validJobsAndOptions() {
        return "Valid jobs: " + String.join(", ", jobNames()) + ". Valid options: --config, --help, --"
                + ConfigLoader.validKeys(pipelineGroups()).replace(", ", ", --");
    }

    private List<OptionGroup<?>> pipelineGroups() {
        return pipelines.stream().<OptionGroup<?>>flatMap(pipeline -> Stream.concat(
                Stream.of(pipeline.options()), pipeline.extraOptions().stream())).toList();
    }
}
