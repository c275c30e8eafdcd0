package io.github.flinklakehouse.deploy.jobs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shaded job jar that the build writes to {@code flink-jobs/target/lakehouse-jobs.jar}. */
public final class JobJar {
    /** The jar's entry class, which dispatches named jobs ({@code --job clickstream}). */
    public static final String ENTRY_CLASS = "io.github.flinklakehouse.jobs.LakehouseJobs";

    private JobJar() {
    }

    /** Returns the jar under {@code repoHome}, or fails with what to run to build it. */
    public static Path locate(Path repoHome) {
        Path jar = repoHome.resolve("flink-jobs/target/lakehouse-jobs.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Job jar " + jar + " is missing; build it with `mvn -q -DskipTests install` "
                    + "in " + repoHome);
        }
        return jar;
    }
}
