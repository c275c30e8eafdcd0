package io.github.flinklakehouse.jobs;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what the libraries started while {@code main} built a job graph in a JVM that outlives it. A session
 * cluster's JobManager runs every submission's {@code main} in a class loader of its own; the AWS SDK's idle
 * connection reaper, Hadoop's statistics cleaner thread and the JVM shutdown hooks of Hadoop and of Iceberg's worker
 * pools are started once per copy of their classes and never end, so each submission kept its whole class loader
 * (about 30 MB of metaspace) until the JobManager died of it.
 *
 * <p>Only what this job's class loader owns is touched: a thread runs this loader's code, a hook is this loader's
 * class, the reaper is this loader's copy of the SDK. Nothing happens where the jar's classes live in the
 * application class loader (tests, a MiniCluster in the same JVM). The TaskManager keeps a finished job's loader
 * for the same reasons: {@link #whenReleasedBy} runs the same release when Flink lets go of the job's class loader
 * there. Every step is best effort: a library version that
 * changed its internals is logged and skipped, never a failed submission.
 */
public final class JobClassLoaderRelease {

    private static final Logger LOG = LoggerFactory.getLogger(JobClassLoaderRelease.class);

    /** The AWS SDK's (v2, Apache HTTP client) reaper: a thread while any client is open; clients built in main stay open. */
    static final String AWS_IDLE_CONNECTION_REAPER =
            "software.amazon.awssdk.http.apache.internal.conn.IdleConnectionReaper";
    /** Iceberg's shared worker pools (planning, manifest reads, deletes): core threads that never time out. */
    static final String ICEBERG_THREAD_POOLS = "org.apache.iceberg.util.ThreadPools";
    /** The AWS SDK's scheduler of response stream timeouts: its thread outlives its last use by a minute. */
    static final String AWS_RESPONSE_TIMEOUT_SCHEDULER = "software.amazon.awssdk.core.ResponseInputStream$TimeoutScheduler";

    private JobClassLoaderRelease() {
    }

    /** The name under which a task registers the release (once per job and TaskManager). */
    static final String RELEASE_HOOK = "lakehouse.release-library-threads";

    /**
     * Has the TaskManager release the leftovers of this job's libraries (the Iceberg writers' S3 clients, Hadoop)
     * when it releases the job's class loader; a task calls it when it opens.
     */
    public static void whenReleasedBy(RuntimeContext context) {
        ClassLoader jobLoader = JobClassLoaderRelease.class.getClassLoader();
        context.registerUserCodeClassLoaderReleaseHookIfAbsent(RELEASE_HOOK, () -> release(jobLoader));
    }

    /** Releases the leftovers of {@code jobLoader}'s code, unless it is the application class loader. */
    static void release(ClassLoader jobLoader) {
        if (jobLoader == null || jobLoader == ClassLoader.getSystemClassLoader()) {
            return;
        }
        stopIcebergWorkerPool(jobLoader);
        stopIdleConnectionReaper(jobLoader);
        stopResponseTimeoutScheduler(jobLoader);
        int threads = interruptThreadsRunning(jobLoader);
        int hooks = removeShutdownHooksOf(jobLoader);
        LOG.info("Released the job class loader's leftovers: {} thread(s) stopped, {} shutdown hook(s) removed",
                threads, hooks);
    }

    /** Shuts this loader's copy of Iceberg's shared worker pools down (their idle threads never end otherwise). */
    private static void stopIcebergWorkerPool(ClassLoader jobLoader) {
        Class<?> pools = ownClass(ICEBERG_THREAD_POOLS, jobLoader);
        if (pools == null) {
            return;
        }
        try {
            for (String name : List.of("WORKER_POOL", "DELETE_WORKER_POOL")) {
                Field pool = pools.getDeclaredField(name);
                pool.setAccessible(true);
                ((ExecutorService) pool.get(null)).shutdownNow();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not stop Iceberg's worker pool of this job's class loader; its threads keep the loader "
                    + "alive in this JVM", e);
        }
    }

    /** Shuts this loader's copy of the SDK's response timeout scheduler down (nothing of this job reads S3 any more). */
    private static void stopResponseTimeoutScheduler(ClassLoader jobLoader) {
        Class<?> schedulerType = ownClass(AWS_RESPONSE_TIMEOUT_SCHEDULER, jobLoader);
        if (schedulerType == null) {
            return;
        }
        try {
            Field instance = schedulerType.getDeclaredField("INSTANCE");
            instance.setAccessible(true);
            ((ExecutorService) instance.get(null)).shutdownNow();
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not stop the AWS SDK's response timeout scheduler of this job's class loader; its thread "
                    + "keeps the loader alive for another minute", e);
        }
    }

    /** Deregisters every connection manager from this loader's reaper, which then shuts its thread down. */
    private static void stopIdleConnectionReaper(ClassLoader jobLoader) {
        Class<?> reaperType = ownClass(AWS_IDLE_CONNECTION_REAPER, jobLoader);
        if (reaperType == null) {
            return;
        }
        try {
            Object reaper = reaperType.getMethod("getInstance").invoke(null);
            Field managersField = reaperType.getDeclaredField("connectionManagers");
            managersField.setAccessible(true);
            Map<?, ?> managers = (Map<?, ?>) managersField.get(reaper);
            Method deregister = null;
            for (Method method : reaperType.getMethods()) {
                if (method.getName().equals("deregisterConnectionManager")) {
                    deregister = method;
                }
            }
            if (deregister == null) {
                throw new NoSuchMethodException("deregisterConnectionManager");
            }
            for (Object manager : new ArrayList<>(managers.keySet())) {
                deregister.invoke(reaper, manager);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not stop the AWS SDK's idle connection reaper of this job's class loader; it keeps the "
                    + "loader alive in this JVM", e);
        }
    }

    /** Interrupts the threads whose code ({@code Thread} subclass or runnable) this loader defined. */
    private static int interruptThreadsRunning(ClassLoader jobLoader) {
        Field target = threadTarget();
        int stopped = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread == Thread.currentThread()) {
                continue;
            }
            Object runnable = null;
            try {
                runnable = target == null ? null : target.get(thread);
            } catch (IllegalAccessException e) {
                // Judged by its class alone.
            }
            if (definedBy(thread, jobLoader) || definedBy(runnable, jobLoader)) {
                LOG.debug("Interrupting thread '{}' of the job's class loader", thread.getName());
                thread.interrupt();
                stopped++;
            }
        }
        return stopped;
    }

    /** Removes the JVM shutdown hooks whose class this loader defined or that would run with it as context loader. */
    private static int removeShutdownHooksOf(ClassLoader jobLoader) {
        List<Thread> hooks = new ArrayList<>();
        Field target = threadTarget();
        try {
            Class<?> registry = Class.forName("java.lang.ApplicationShutdownHooks");
            Field field = registry.getDeclaredField("hooks");
            field.setAccessible(true);
            synchronized (registry) {
                Map<?, ?> registered = (Map<?, ?>) field.get(null);
                if (registered == null) {
                    return 0; // the JVM is shutting down
                }
                for (Object hook : registered.keySet()) {
                    Thread thread = (Thread) hook;
                    if (definedBy(thread, jobLoader) || definedBy(target == null ? null : target.get(thread), jobLoader)
                            || thread.getContextClassLoader() == jobLoader) {
                        hooks.add(thread);
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not list the JVM's shutdown hooks (needs --add-opens java.base/java.lang=ALL-UNNAMED); "
                    + "hooks registered by this job's libraries keep its class loader alive in this JVM", e);
            return 0;
        }
        int removed = 0;
        for (Thread hook : hooks) {
            try {
                if (Runtime.getRuntime().removeShutdownHook(hook)) {
                    removed++;
                }
            } catch (IllegalStateException e) {
                return removed; // the JVM is shutting down: hooks run anyway
            }
        }
        return removed;
    }

    /**
     * The class {@code name} if {@code jobLoader} defines it; {@code null} for the cluster's copy (shared by every job,
     * not ours to stop) and for a jar without it. Loading an unused one starts nothing: both SDK classes create their
     * thread with their first task.
     */
    private static Class<?> ownClass(String name, ClassLoader jobLoader) {
        try {
            Class<?> type = Class.forName(name, false, jobLoader);
            return type.getClassLoader() == jobLoader ? type : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Field threadTarget() {
        try {
            Field field = Thread.class.getDeclaredField("target");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static boolean definedBy(Object object, ClassLoader loader) {
        return object != null && object.getClass().getClassLoader() == loader;
    }
}
