package io.github.flinklakehouse.deploy.testing;

import io.github.flinklakehouse.deploy.stack.Directories;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests ONE real local stack per test JVM (free ports, a temporary data
 * directory), started on first use, closed when the JVM's tests end; resolves {@link StackEndpoints}
 * and {@link LocalStack} parameters.
 */
public final class LocalStackExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /** The repository root, from the {@code lakehouse.home} system property the poms set. */
    public static Path repoHome() {
        String home = System.getProperty("lakehouse.home");
        if (home == null) {
            throw new IllegalStateException("System property lakehouse.home (the repository root) is not set");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StackEndpoints.class || type == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalStack stack = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, key -> SharedStack.start(), SharedStack.class).stack;
        return parameter.getParameter().getType() == LocalStack.class ? stack : stack.endpoints();
    }

    /** The shared stack and its data directory, removed together at the end of the test JVM. */
    private static final class SharedStack implements ExtensionContext.Store.CloseableResource {
        private final LocalStack stack;
        private final Path dataDir;

        private SharedStack(LocalStack stack, Path dataDir) {
            this.stack = stack;
            this.dataDir = dataDir;
        }

        static SharedStack start() {
            try {
                Path dataDir = Files.createTempDirectory("lakehouse-stack-");
                StackConfig config = StackConfig.ephemeralBuilder(repoHome(), dataDir)
                        .set("start-timeout", Long.toString(START_TIMEOUT.toSeconds()))
                        .set("stop-timeout", "20")
                        .build();
                return new SharedStack(LocalStack.start(config), dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                stack.close();
            } finally {
                Directories.deleteRecursively(dataDir);
            }
        }
    }
}
