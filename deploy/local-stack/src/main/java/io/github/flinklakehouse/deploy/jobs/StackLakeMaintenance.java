package io.github.flinklakehouse.deploy.jobs;

import io.github.flinklakehouse.deploy.stack.IcebergCatalogBootstrap;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.config.MaintenanceOptions;
import io.github.flinklakehouse.jobs.config.SharedOptions;
import io.github.flinklakehouse.jobs.lake.LakeMaintenance;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Lake maintenance against the local stack's catalog and marts, run in this JVM ({@code lakehouse maintain},
 * {@code lakehouse status}): the settings are the jobs' own ({@code maintenance.*}), pointed at the stack.
 */
public final class StackLakeMaintenance implements AutoCloseable {

    /** The job {@code lakehouse run} submits and resumes. */
    private static final String RUN_JOB = "clickstream";

    private final JdbcCatalog catalog;
    private final LakehouseConfig config;
    private final LakeMaintenance maintenance;

    private StackLakeMaintenance(JdbcCatalog catalog, LakehouseConfig config) {
        this.catalog = catalog;
        this.config = config;
        this.maintenance = new LakeMaintenance(catalog, config.maintenance(), config.marts());
    }

    /**
     * As {@link #open}, for the stack of {@code config}, also protecting the last commit of the clickstream job
     * {@code lakehouse run} last submitted: the next {@code run} resumes from its savepoint or retained checkpoint
     * however long the stack stayed stopped.
     */
    public static StackLakeMaintenance forStack(StackConfig config, Map<String, String> options) {
        Map<String, String> withRunJob = new HashMap<>(options);
        new RestorePoints(config.dataDir().resolve("jobs"), RUN_JOB, jobId -> Optional.empty()).lastRun()
                .ifPresent(lastRun -> withRunJob.merge(MaintenanceOptions.PROTECTED_JOBS.key(), lastRun.jobId(),
                        (given, runJob) -> given + ";" + runJob));
        return open(config.endpoints(), withRunJob);
    }

    /**
     * Opens the stack's catalog with the maintenance settings of {@code options} ({@code key -> value}); invalid
     * options fail with every problem named.
     */
    public static StackLakeMaintenance open(StackEndpoints stack, Map<String, String> options) {
        // The stack's connection settings, secrets included, come in as the environment layer (never the command line).
        Map<String, String> environment = new HashMap<>();
        StackJobConfigFile.settings(stack, Map.of())
                .forEach((key, value) -> environment.put(SharedOptions.envName(key), value));
        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(options, Optional.empty(), environment);
        JdbcCatalog catalog = new JdbcCatalog();
        catalog.initialize(IcebergCatalogBootstrap.CATALOG_NAME, IcebergCatalogBootstrap.catalogProperties(stack));
        return new StackLakeMaintenance(catalog, config);
    }

    /** The maintenance over the stack's lake. */
    public LakeMaintenance maintenance() {
        return maintenance;
    }

    /** The catalog, for reading table health. */
    public JdbcCatalog catalog() {
        return catalog;
    }

    /** The configuration the maintenance runs with. */
    public LakehouseConfig config() {
        return config;
    }

    @Override
    public void close() throws IOException {
        catalog.close();
    }
}
