package io.github.flinklakehouse.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What main() leaves in a JVM that outlives it: a thread running the job loader's code and a shutdown hook of that
 * loader, as Hadoop and Iceberg's Guava leave them, are stopped and removed; the application class loader's are not.
 */
class JobClassLoaderReleaseTest {

    /** Runs until interrupted, like Hadoop's statistics cleaner. */
    public static final class UntilInterrupted implements Runnable {
        @Override
        public void run() {
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void stopsTheThreadsAndRemovesTheShutdownHooksOfTheJobsClassLoader() throws Exception {
        URL testClasses = UntilInterrupted.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader jobLoader = new URLClassLoader(new URL[] {testClasses},
                ClassLoader.getPlatformClassLoader())) {
            Runnable task = (Runnable) jobLoader.loadClass(UntilInterrupted.class.getName())
                    .getDeclaredConstructor().newInstance();
            assertThat(task.getClass().getClassLoader()).isSameAs(jobLoader);
            Thread thread = new Thread(task, "left behind by main");
            thread.setDaemon(true);
            thread.start();
            Thread hook = new Thread(task, "hook of the job's library");
            Runtime.getRuntime().addShutdownHook(hook);
            Thread applicationThread = new Thread(new UntilInterrupted(), "the application's own");
            applicationThread.setDaemon(true);
            applicationThread.start();

            JobClassLoaderRelease.release(jobLoader);

            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).as("the job loader's thread still runs").isFalse();
            assertThat(Runtime.getRuntime().removeShutdownHook(hook)).as("the hook was still registered").isFalse();
            assertThat(applicationThread.isAlive()).as("a thread of another loader").isTrue();
            applicationThread.interrupt();
        }
    }

    @Test
    void leavesTheApplicationClassLoaderAlone() throws Exception {
        Thread thread = new Thread(new UntilInterrupted(), "the application's own");
        thread.setDaemon(true);
        thread.start();

        JobClassLoaderRelease.release(ClassLoader.getSystemClassLoader());

        assertThat(thread.isAlive()).isTrue();
        thread.interrupt();
    }
}
