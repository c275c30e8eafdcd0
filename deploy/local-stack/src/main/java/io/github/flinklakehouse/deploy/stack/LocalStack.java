package io.github.flinklakehouse.deploy.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running local stack: Kafka, the S3 store, PostgreSQL and the Flink cluster, started in parallel
 * from registry artifacts on the configured host and stopped together on {@link #close()}.
 *
 * <pre>
 *   start ─┬─ kafka broker (JVM) ───────────────────────────────┐
 *          ├─ s3proxy (JVM) ── bucket ──────┐                    ├─ ready: endpoints()
 *          ├─ postgres ── role, db, marts ──┴─ Iceberg catalog ──┤
 *          └─ flink jobmanager + taskmanager (JVMs) ─────────────┘
 * </pre>
 *
 * <p>If any service fails, every service already started is stopped before {@link StackStartException}
 * is thrown. A JVM shutdown hook stops the stack if its owner never closes it.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final StackConfig config;
    private final List<RunningService> services;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private final List<Runnable> beforeStop = new CopyOnWriteArrayList<>();
    private final Map<String, String> taskManagerEnvironment;

    private LocalStack(StackConfig config, List<RunningService> services,
            Map<String, String> taskManagerEnvironment) {
        this.config = config;
        this.taskManagerEnvironment = taskManagerEnvironment;
        this.services = new CopyOnWriteArrayList<>(services);
        this.shutdownHook = new Thread(this::stopAll, "lakehouse-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts every configured service and blocks until all are ready; cleans up and throws otherwise. */
    public static LocalStack start(StackConfig config) {
        return start(config, Map.of());
    }

    /**
     * As {@link #start(StackConfig)}, giving the Flink TaskManager (also one started later, {@link #startTaskManager})
     * {@code taskManagerEnvironment} beyond this JVM's environment, which every service inherits: secrets the jobs
     * read there, such as an API key (only the variables' names are logged, never their values).
     */
    public static LocalStack start(StackConfig config, Map<String, String> taskManagerEnvironment) {
        Map<String, String> tmEnvironment = Map.copyOf(taskManagerEnvironment);
        long started = System.nanoTime();
        prepareDataDir(config);
        NetworkExposure.warning(config).ifPresent(warning -> LOG.warn("{}", warning));
        PidFiles pidFiles = new PidFiles(config.runDir());
        List<RunningService> running = new CopyOnWriteArrayList<>();
        AtomicBoolean aborted = new AtomicBoolean();
        Readiness readiness = new Readiness(config.startTimeout(), aborted::get);
        // If the JVM is stopped half-way (Ctrl-C during start), still stop what was started.
        Thread earlyHook = new Thread(() -> stop(running, config), "lakehouse-stack-start-abort");
        Runtime.getRuntime().addShutdownHook(earlyHook);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "lakehouse-stack-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Void>> tasks = new ArrayList<>();
            CompletableFuture<Void> s3 = task(config, StackService.S3, executor, aborted,
                    () -> S3ProxyServer.start(config, pidFiles, readiness, running::add));
            CompletableFuture<Void> postgres = task(config, StackService.POSTGRES, executor, aborted,
                    () -> PostgresServer.start(config, pidFiles, readiness, running::add));
            tasks.add(task(config, StackService.KAFKA, executor, aborted,
                    () -> KafkaBroker.start(config, pidFiles, readiness, running::add)));
            tasks.add(task(config, StackService.FLINK_JOBMANAGER, executor, aborted,
                    () -> FlinkCluster.start(config, pidFiles, readiness, tmEnvironment, running::add)));
            tasks.add(s3);
            tasks.add(postgres);
            if (config.services().contains(StackService.POSTGRES)) {
                tasks.add(postgres.thenRunAsync(() -> {
                    IcebergCatalogBootstrap.ensureCatalogTables(config.endpoints());
                    LOG.info("Iceberg JDBC catalog tables ready in {}", config.endpoints().jdbcUrl());
                }, executor));
            }
            CompletableFuture<?>[] all = tasks.toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(all).join();
            } catch (CompletionException e) {
                throw firstFailure(tasks);
            }
            LocalStack stack = new LocalStack(config, running, tmEnvironment);
            LOG.info("Local stack ready in {} s ({})", (System.nanoTime() - started) / 1_000_000_000,
                    config.dataDir());
            return stack;
        } catch (RuntimeException e) {
            LOG.error("Local stack failed to start: {}", e.getMessage());
            stop(running, config);
            throw e instanceof StackStartException ? e : new StackStartException(e.getMessage(), e);
        } finally {
            executor.shutdownNow();
            removeHook(earlyHook);
        }
    }

    /** Where clients reach this stack. */
    public StackEndpoints endpoints() {
        return config.endpoints();
    }

    public StackConfig config() {
        return config;
    }

    /** Stops every service (SIGTERM, the stop timeout, then SIGKILL) and removes the pid files. */
    @Override
    public void close() {
        stopAll();
        removeHook(shutdownHook);
    }

    /**
     * Kills the Flink TaskManager with SIGKILL, as a machine or JVM crash would, and waits until its process is
     * gone. Running jobs fail over once two heartbeat calls to it failed (about 4 s, {@code heartbeat.interval}) and
     * recover through their restart strategy as soon as slots are back: {@link #startTaskManager()}. For failure tests
     * and drills.
     *
     * @throws IllegalStateException when this stack runs no TaskManager
     */
    public void killTaskManager() {
        ChildProcessService taskManager = services.stream()
                .filter(service -> service.service() == StackService.FLINK_TASKMANAGER)
                .map(ChildProcessService.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("This stack runs no Flink TaskManager"));
        taskManager.kill(config.stopTimeout());
        services.remove(taskManager);
    }

    /**
     * Starts a new Flink TaskManager (after {@link #killTaskManager()}) and waits until its slots are registered
     * with the JobManager; {@link #close()} stops it with the rest of the stack.
     */
    public void startTaskManager() {
        if (closed.get()) {
            throw new IllegalStateException("The stack is stopped");
        }
        try {
            services.add(FlinkCluster.startTaskManager(config, new PidFiles(config.runDir()),
                    new Readiness(config.startTimeout(), closed::get), taskManagerEnvironment));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a Flink TaskManager", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("Interrupted while starting a Flink TaskManager");
        }
    }

    /**
     * Stops PostgreSQL (fast shutdown: open connections are cut), as a database restart or outage would; jobs that
     * write marts or commit to the Iceberg catalog fail and recover through their restart strategy once it is back:
     * {@link #startPostgres()}. For failure tests and drills.
     *
     * @throws IllegalStateException when this stack runs no PostgreSQL
     */
    public void stopPostgres() {
        RunningService postgres = services.stream()
                .filter(service -> service.service() == StackService.POSTGRES)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("This stack runs no PostgreSQL"));
        postgres.stop(config.stopTimeout());
        services.remove(postgres);
    }

    /** Starts PostgreSQL again on its data directory and port (after {@link #stopPostgres()}). */
    public void startPostgres() {
        if (closed.get()) {
            throw new IllegalStateException("The stack is stopped");
        }
        try {
            PostgresServer.start(config, new PidFiles(config.runDir()), new Readiness(config.startTimeout(), closed::get),
                    services::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL", e);
        } catch (SQLException e) {
            throw new StackStartException("PostgreSQL started but its roles could not be set: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code action} before the services stop, also on Ctrl-C: JVM shutdown hooks run in no set
     * order, so work that needs the stack (a job's final savepoint) must hang here, not in a hook of its own.
     * A failing action is logged and the stack still stops.
     */
    public void beforeStop(Runnable action) {
        beforeStop.add(action);
    }

    private void stopAll() {
        if (closed.compareAndSet(false, true)) {
            for (Runnable action : beforeStop) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("A before-stop action failed; stopping the stack anyway", e);
                }
            }
            stop(services, config);
        }
    }

    private static void stop(List<RunningService> services, StackConfig config) {
        if (services.isEmpty()) {
            return;
        }
        LOG.info("Stopping local stack ({})", config.dataDir());
        // All at once: the slowest service (a KRaft broker can hang) bounds the stop time.
        List<RunningService> toStop = List.copyOf(services);
        services.clear();
        toStop.parallelStream().forEach(service -> {
            try {
                service.stop(config.stopTimeout());
            } catch (RuntimeException e) {
                LOG.warn("Stopping {} failed: {}", service.service().serviceName(), e.toString());
            }
        });
        LOG.info("Local stack stopped");
    }

    private interface StartStep {
        void run() throws Exception;
    }

    private static CompletableFuture<Void> task(StackConfig config, StackService service, ExecutorService executor,
            AtomicBoolean aborted, StartStep step) {
        if (!config.services().contains(service)) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new StackStartException(service.serviceName() + " failed to start: " + e.getMessage(), e);
            }
        }, executor).whenComplete((ignored, failure) -> {
            if (failure != null) {
                aborted.set(true);
            }
        });
    }

    /** The real cause among the failed tasks; those that merely gave up because of it are skipped. */
    private static RuntimeException firstFailure(List<CompletableFuture<Void>> tasks) {
        List<Throwable> failures = tasks.stream()
                .filter(CompletableFuture::isCompletedExceptionally)
                .map(task -> task.handle((ignored, failure) -> unwrap(failure)).join())
                .toList();
        Throwable cause = failures.stream().filter(f -> !(f instanceof Readiness.Aborted)).findFirst()
                .orElse(failures.get(0));
        if (cause instanceof StackStartException startFailure) {
            return startFailure;
        }
        return new StackStartException("Local stack failed to start: " + cause, cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Refuses to start over a running stack, wipes the data if asked to, and makes the data directory and the files
     * of earlier starts that hold secrets owner-only (files this start rewrites are written owner-only anyway).
     */
    static void prepareDataDir(StackConfig config) {
        PidFiles pidFiles = new PidFiles(config.runDir());
        Map<StackService, ProcessHandle> live = pidFiles.liveServices();
        if (!live.isEmpty()) {
            throw new StackStartException("A stack from " + config.dataDir() + " is still running ("
                    + live.entrySet().stream().map(e -> e.getKey().serviceName() + " pid " + e.getValue().pid())
                            .collect(Collectors.joining(", "))
                    + "); run `lakehouse down` first");
        }
        try {
            if (config.fresh() && Files.exists(config.dataDir())) {
                LOG.info("Wiping {} (fresh start)", config.dataDir());
                Directories.deleteRecursively(config.dataDir());
            }
            PrivateFiles.directory(config.dataDir());
            Files.createDirectories(config.logsDir());
            Files.createDirectories(config.runDir());
            for (Path secrets : secretFiles(config)) {
                PrivateFiles.restrictIfExists(secrets);
            }
        } catch (IOException e) {
            throw new StackStartException("Cannot prepare the data directory " + config.dataDir() + ": " + e, e);
        }
    }

    /** The generated files that hold keys or passwords. */
    static List<Path> secretFiles(StackConfig config) {
        return List.of(FlinkCluster.confDir(config).resolve(FlinkConfigFiles.CONFIG_FILE),
                S3ProxyServer.propertiesFile(config));
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Already running as a hook: nothing to remove.
        }
    }
}
