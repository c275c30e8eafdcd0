package io.github.flinklakehouse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory and the generated files holding secrets are owner-only after the start's own steps (data
 * directory preparation, the Flink and S3Proxy config writers), for a new data directory and for one an earlier
 * version left readable by everyone.
 */
class OwnerOnlyFilesTest {
    private static final Set<PosixFilePermission> WIDE_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> WIDE_FILE = PosixFilePermissions.fromString("rw-r--r--");

    @Test
    void aNewDataDirectoryAndItsSecretFilesAreOwnerOnly(@TempDir Path dir) throws Exception {
        StackConfig config = config(dir.resolve("new/.lakehouse"));

        startSteps(config);

        assertThat(permissions(config.dataDir())).isEqualTo("rwx------");
        assertThat(LocalStack.secretFiles(config)).hasSize(2).allSatisfy(file -> {
            assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------");
            assertThat(Files.readString(file)).as(file.toString()).contains("lakehouse-secret");
        });
    }

    @Test
    void anEarlierVersionsReadableDataIsNarrowedOnStart(@TempDir Path dir) throws Exception {
        StackConfig config = config(dir.resolve(".lakehouse"));
        Files.createDirectories(config.dataDir(), PosixFilePermissions.asFileAttribute(WIDE_DIRECTORY));
        Files.setPosixFilePermissions(config.dataDir(), WIDE_DIRECTORY);
        for (Path file : LocalStack.secretFiles(config)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "written by an earlier version");
            Files.setPosixFilePermissions(file, WIDE_FILE);
        }

        startSteps(config);

        assertThat(permissions(config.dataDir())).isEqualTo("rwx------");
        for (Path file : LocalStack.secretFiles(config)) {
            assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------");
            assertThat(Files.readString(file)).as("rewritten " + file).contains("lakehouse-secret");
        }
        assertThat(leftovers(config)).as("no temporary files are left beside them").isEmpty();
    }

    @Test
    void secretFilesOfServicesThisStartDoesNotRunAreNarrowedToo(@TempDir Path dir) throws Exception {
        StackConfig config = config(dir.resolve(".lakehouse")).withServices(EnumSet.of(StackService.KAFKA));
        Path flinkConfig = LocalStack.secretFiles(config).get(0);
        Files.createDirectories(flinkConfig.getParent());
        Files.writeString(flinkConfig, "s3.secret-key: 'lakehouse-secret'");
        Files.setPosixFilePermissions(flinkConfig, WIDE_FILE);

        LocalStack.prepareDataDir(config);

        assertThat(permissions(flinkConfig)).isEqualTo("rw-------");
        assertThat(Files.readString(flinkConfig)).isEqualTo("s3.secret-key: 'lakehouse-secret'");
    }

    /** What a start does to the data directory before any service process runs. */
    private static void startSteps(StackConfig config) throws Exception {
        LocalStack.prepareDataDir(config);
        FlinkConfigFiles.write(config, FlinkCluster.confDir(config), 18081);
        S3ProxyServer.writeConfigFiles(config);
    }

    private static StackConfig config(Path dataDir) {
        return StackConfig.builder(Path.of("/work/repo")).set("data-dir", dataDir.toString()).build();
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<Path> leftovers(StackConfig config) throws Exception {
        try (Stream<Path> files = Files.walk(config.dataDir())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
