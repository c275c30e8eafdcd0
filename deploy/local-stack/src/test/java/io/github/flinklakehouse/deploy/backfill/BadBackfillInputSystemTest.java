package io.github.flinklakehouse.deploy.backfill;

import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.catalog;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.LakehouseCommand;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.marts.range.StagingSchema;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.CsvEventWriter;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad backfill input on the real stack: a missing file, a missing S3 object, a wrong header and truncated gzip
 * (local and on S3) each stop {@code lakehouse backfill} with exit code 1 and a message naming the file; nothing is
 * published and no staging schema is left behind.
 */
@ExtendWith(LocalStackExtension.class)
class BadBackfillInputSystemTest {

    @Test
    void badFilesFailNamingTheFileAndPublishNothing(LocalStack stack, @TempDir Path dir) throws Exception {
        StackEndpoints endpoints = stack.endpoints();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String schema = "bf_bad_" + runId;
        String bucket = "s3://" + endpoints.warehouse().substring("s3://".length()).split("/")[0];

        Path missing = dir.resolve("no-such-file.csv");
        assertFailsNaming(stack, missing.toString(), schema, "No such file", "no-such-file.csv");
        assertFailsNaming(stack, bucket + "/backfill-missing-" + runId + "/*.csv.gz", schema, "No files match",
                "backfill-missing-" + runId);

        Path wrongHeader = dir.resolve("wrong-header.csv");
        Files.writeString(wrongHeader, "time,type,product\n2019-10-01 00:00:00 UTC,view,1\n");
        assertFailsNaming(stack, wrongHeader.toString(), schema, "is not the dataset header", "wrong-header.csv");

        byte[] truncated = truncatedGzip(dir.resolve("full.csv.gz"));
        Path localTruncated = dir.resolve("truncated.csv.gz");
        Files.write(localTruncated, truncated);
        assertFailsNaming(stack, localTruncated.toString(), schema, "truncated.csv.gz", "Unexpected end of ZLIB input stream");

        String s3Truncated = bucket + "/backfill-bad-" + runId + "/truncated.csv.gz";
        try (JdbcCatalog catalog = catalog(endpoints);
                OutputStream out = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS).io().newOutputFile(s3Truncated)
                        .createOrOverwrite()) {
            out.write(truncated);
        }
        assertFailsNaming(stack, s3Truncated, schema, "backfill-bad-" + runId + "/truncated.csv.gz",
                "Unexpected end of ZLIB input stream");

        JdbcConnectionSettings connection = new JdbcConnectionSettings(endpoints.jdbcUrl(), endpoints.dbUser(),
                endpoints.dbPassword());
        assertThat(StagingSchema.existing(connection)).as("staging schemas left behind").isEmpty();
    }

    private static void assertFailsNaming(LocalStack stack, String files, String schema, String... expected) {
        LakehouseCommand.Run run = LakehouseCommand.run(stack, "backfill", "--files", files, "--schema", schema);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).as(run.toString()).contains(expected);
        assertThat(run.out()).as("nothing published").doesNotContain("Published");
    }

    /** A gzipped dataset file cut in the middle of its compressed stream. */
    private static byte[] truncatedGzip(Path file) throws Exception {
        CsvEventWriter.writeAll(file, true, ClickEventGenerator.stream(new GeneratorConfig(5L,
                Instant.parse("2020-03-01T00:00:00Z"), 5_000, Duration.ofSeconds(1), 100, 100)).iterator());
        byte[] whole = Files.readAllBytes(file);
        return Arrays.copyOf(whole, whole.length / 2);
    }

}
