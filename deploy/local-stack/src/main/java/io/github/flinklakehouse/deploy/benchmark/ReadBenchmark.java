package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.catalog.maintenance.MaintenanceReport;
import io.github.flinklakehouse.catalog.maintenance.TableHealth;
import io.github.flinklakehouse.deploy.jobs.StackLakeMaintenance;
import io.github.flinklakehouse.deploy.sql.SqlClientLauncher;
import io.github.flinklakehouse.deploy.sql.TableauOutput;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ClickEventRows;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.RowDataWrapper;
import org.apache.iceberg.flink.data.FlinkParquetWriters;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;

/**
 * {@code lakehouse benchmark --mode read}: how lake maintenance changes the SQL client's reads. On a throwaway stack
 * it commits generated events to {@code raw.clickstream_events} as a streaming job does (one commit per checkpoint,
 * one small file per writer), times the SQL client's {@code raw_events_by_hour.sql} example, runs one maintenance pass
 * ({@code lakehouse maintain}'s code) and times the example again. Both answers must count every committed row.
 */
public final class ReadBenchmark {

    /** The first event's time; the commits spread the events over the following day. */
    static final Instant DAY = Instant.parse("2019-10-01T00:00:00Z");
    static final String EXAMPLE = "raw_events_by_hour.sql";
    private static final String WRITER_SOURCE = "kafka";
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(30);

    /**
     * @param commits commits spread evenly over one day (8,640 = a day at the default 10 s checkpoint interval)
     * @param rows events generated over that day
     * @param writers files per commit (one per writer subtask of the streaming job)
     */
    public record Settings(int commits, long rows, int writers, long seed, String taskManagerMemory, Path workDir,
            boolean keep) {
        public Settings {
            if (commits < 1 || writers < 1 || rows < (long) commits * writers) {
                throw new IllegalArgumentException("--commits and the files per commit must be >= 1 and --rows at "
                        + "least their product, so that every file holds a row; got commits " + commits + ", rows "
                        + rows + ", files per commit " + writers);
            }
        }
    }

    /** One timed run of the example. */
    public record QueryRun(Duration elapsed, long events, List<String> rows) {
    }

    /** What the benchmark measured. */
    public record Result(TableHealth before, long metadataBytesBefore, QueryRun queryBefore, Duration clientStart,
            MaintenanceReport maintenance, Duration maintenanceTime, TableHealth after, long metadataBytesAfter,
            QueryRun queryAfter, long committedRows, int commits, Duration commitTime) {

        /** Every committed row counted, before and after, with the same answer. */
        public boolean complete() {
            return queryBefore.events() == committedRows && queryAfter.events() == committedRows
                    && queryBefore.rows().equals(queryAfter.rows());
        }
    }

    private final Path repoHome;

    /** @param repoHome the repository, for the SQL client's examples and the services' classpaths */
    public ReadBenchmark(Path repoHome) {
        this.repoHome = repoHome;
    }

    /** Runs the benchmark on a throwaway stack and prints its report to {@code out}. */
    public Result run(Settings settings, PrintWriter out) throws Exception {
        return ThrowawayStack.run(repoHome, settings.workDir(), settings.taskManagerMemory(), settings.keep(), out,
                (stack, config) -> {
                    try (StackLakeMaintenance lake = StackLakeMaintenance.open(stack.endpoints(), Map.of(
                            // Every commit here is seconds old: expire all but the last 10, as an hourly pass of a
                            // day-old table would.
                            "maintenance.snapshot-retention", "0 s",
                            "maintenance.savepoint-retention", "0 s"))) {
                        LakeTables.ensureRawTables(lake.catalog());
                        Table table = lake.catalog().loadTable(RawTables.CLICKSTREAM_EVENTS);
                        Instant commitStart = Instant.now();
                        long[] committed = commit(table, settings, out);
                        Duration commitTime = Duration.between(commitStart, Instant.now());
                        table.refresh();
                        TableHealth before = TableHealth.of(table);
                        long metadataBefore = metadataBytes(table);

                        SqlClientLauncher client = new SqlClientLauncher(repoHome, config.dataDir().resolve("sql-client"),
                                config.logsDir().resolve("sql-client-read-benchmark.log"), stack.endpoints());
                        Duration clientStart = clientStart(client, config.dataDir());
                        print(out, "SQL client run of SELECT 1 (its start, catalogs and a job): %s", ReportSections.clock(clientStart));
                        QueryRun queryBefore = query(client, out, "before maintenance");

                        print(out, "Running one maintenance pass (lakehouse maintain) ...");
                        Instant maintenanceStart = Instant.now();
                        MaintenanceReport report = lake.maintenance().run(Instant.now()).stream()
                                .filter(r -> r.after().table().endsWith(RawTables.CLICKSTREAM_EVENTS.name()))
                                .findFirst().orElseThrow();
                        Duration maintenanceTime = Duration.between(maintenanceStart, Instant.now());
                        print(out, "%s", report.summary());
                        table.refresh();
                        QueryRun queryAfter = query(client, out, "after maintenance");

                        Result result = new Result(before, metadataBefore, queryBefore, clientStart, report,
                                maintenanceTime, TableHealth.of(table), metadataBytes(table), queryAfter, committed[0],
                                (int) committed[1], commitTime);
                        out.print(render(settings, result));
                        out.flush();
                        return result;
                    }
                });
    }

    /**
     * Commits the generated day as {@code settings.commits()} appends of one small file per writer (an interval without
     * events commits nothing, as a checkpoint without data does); returns the rows and the commits made.
     */
    private static long[] commit(Table table, Settings settings, PrintWriter out) throws IOException {
        print(out, "Committing %,d events as %,d commits of %d files each (a day of streaming commits; not timed) ...",
                settings.rows(), settings.commits(), settings.writers());
        GeneratorConfig generator = new GeneratorConfig(settings.seed(), DAY, settings.rows(),
                Duration.ofDays(1).dividedBy(settings.rows()), StreamingBenchmark.USERS, StreamingBenchmark.PRODUCTS);
        ClickEventGenerator events = new ClickEventGenerator(generator);
        Duration interval = Duration.ofDays(1).dividedBy(settings.commits());
        RowType rowType = FlinkSchemaUtil.convert(table.schema());
        ClickEventRows toRow = new ClickEventRows();
        long rows = 0;
        long commits = 0;
        long position = 0;
        ClickEvent pending = events.hasNext() ? events.next() : null;
        for (int commit = 0; commit < settings.commits(); commit++) {
            Instant end = commit == settings.commits() - 1 ? Instant.MAX : DAY.plus(interval.multipliedBy(commit + 1L));
            // One file per writer and day partition: the last events of the day may spill past midnight.
            Map<String, List<RowData>> files = new TreeMap<>();
            while (pending != null && pending.eventTime().isBefore(end)) {
                String file = pending.eventTime().atZone(ZoneOffset.UTC).toLocalDate() + "/" + position % settings.writers();
                Instant ingestedAt = pending.eventTime().plusSeconds(1);
                files.computeIfAbsent(file, key -> new ArrayList<>()).add(toRow.map(new IngestedClickEvent(pending,
                        WRITER_SOURCE, "read-benchmark/0/" + position, ingestedAt)));
                position++;
                pending = events.hasNext() ? events.next() : null;
            }
            if (files.isEmpty()) {
                continue;
            }
            AppendFiles append = table.newAppend();
            for (List<RowData> file : files.values()) {
                append.appendFile(write(table, rowType, file));
                rows += file.size();
            }
            append.commit();
            commits++;
            if ((commit + 1) % 1_000 == 0) {
                print(out, "  %,d commits", commit + 1);
            }
        }
        return new long[] {rows, commits};
    }

    /** Writes one Parquet data file of rows that share a partition, as the streaming writer does. */
    private static DataFile write(Table table, RowType rowType, List<RowData> rows) throws IOException {
        RowDataWrapper wrapper = new RowDataWrapper(rowType, table.schema().asStruct());
        PartitionKey partition = new PartitionKey(table.spec(), table.schema());
        partition.partition(wrapper.wrap(rows.get(0)));
        DataWriter<RowData> writer = Parquet.writeData(table.io().newOutputFile(table.locationProvider()
                        .newDataLocation(table.spec(), partition, UUID.randomUUID() + ".parquet")))
                .schema(table.schema())
                .createWriterFunc(type -> FlinkParquetWriters.buildWriter(rowType, type))
                .withSpec(table.spec())
                .withPartition(partition)
                .overwrite()
                .build();
        try (writer) {
            rows.forEach(writer::write);
        }
        return writer.toDataFile();
    }

    /** The SQL client's own start-up and a query without the lake: the part of each run maintenance cannot change. */
    private static Duration clientStart(SqlClientLauncher client, Path dataDir) throws Exception {
        Path trivial = Files.createDirectories(dataDir.resolve("sql-client")).resolve("read-benchmark-start.sql");
        Files.writeString(trivial, "SELECT 1 AS started;\n");
        Instant start = Instant.now();
        SqlClientLauncher.Result result = client.runFile(trivial, Map.of(), QUERY_TIMEOUT, line -> { });
        if (result.failed()) {
            throw new IllegalStateException("The SQL client failed on SELECT 1:\n" + result.output());
        }
        return Duration.between(start, Instant.now());
    }

    private QueryRun query(SqlClientLauncher client, PrintWriter out, String when) throws Exception {
        print(out, "Running the SQL client's %s %s ...", EXAMPLE, when);
        Instant start = Instant.now();
        SqlClientLauncher.Result result = client.runFile(repoHome.resolve(SqlClientLauncher.EXAMPLES_DIR)
                .resolve(EXAMPLE), Map.of(), QUERY_TIMEOUT, line -> { });
        Duration elapsed = Duration.between(start, Instant.now());
        if (result.failed()) {
            throw new IllegalStateException(EXAMPLE + " failed " + when + ":\n" + result.output());
        }
        List<List<String>> tables = TableauOutput.tables(result.output());
        if (tables.size() != 1 || !tables.get(0).get(0).startsWith("event_hour|events|")) {
            throw new IllegalStateException(EXAMPLE + " printed no result table " + when + ":\n" + result.output());
        }
        List<String> rows = tables.get(0).subList(1, tables.get(0).size());
        long events = rows.stream().mapToLong(row -> Long.parseLong(row.split("\\|")[1])).sum();
        print(out, "  %s: %,d hours, %,d events", ReportSections.clock(elapsed), rows.size(), events);
        return new QueryRun(elapsed, events, List.copyOf(rows));
    }

    /** Size of the table's current metadata file, which every commit and every reader's planning reads whole. */
    private static long metadataBytes(Table table) {
        String location = ((HasTableOperations) table).operations().current().metadataFileLocation();
        return table.io().newInputFile(location).getLength();
    }

    static String render(Settings settings, Result result) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(java.util.Locale.ROOT, "%nRead benchmark: raw.clickstream_events, %,d events in %,d"
                        + " commits of up to %d files over one day (committed in %s)%n", result.committedRows(),
                result.commits(), settings.writers(), ReportSections.clock(result.commitTime())));
        String row = "  %-40s %18s %18s%n";
        text.append(String.format(java.util.Locale.ROOT, row, "", "before", "after maintenance"));
        text.append(String.format(java.util.Locale.ROOT, row, "data files", grouped(result.before().dataFiles()),
                grouped(result.after().dataFiles())));
        text.append(String.format(java.util.Locale.ROOT, row, "average data file (bytes)",
                grouped(result.before().averageFileBytes()), grouped(result.after().averageFileBytes())));
        text.append(String.format(java.util.Locale.ROOT, row, "manifests (current snapshot)",
                grouped(result.before().manifests()), grouped(result.after().manifests())));
        text.append(String.format(java.util.Locale.ROOT, row, "snapshots", grouped(result.before().snapshots()),
                grouped(result.after().snapshots())));
        text.append(String.format(java.util.Locale.ROOT, row, "metadata file (bytes)",
                grouped(result.metadataBytesBefore()), grouped(result.metadataBytesAfter())));
        text.append(String.format(java.util.Locale.ROOT, row, EXAMPLE + " (SQL client run)",
                ReportSections.clock(result.queryBefore().elapsed()), ReportSections.clock(result.queryAfter().elapsed())));
        text.append(String.format(java.util.Locale.ROOT, row, "  of which SELECT 1 (client, job)",
                ReportSections.clock(result.clientStart()), ReportSections.clock(result.clientStart())));
        text.append(String.format(java.util.Locale.ROOT, "  maintenance pass: %s (%s)%n",
                ReportSections.clock(result.maintenanceTime()), result.maintenance().summary()));
        text.append(String.format(java.util.Locale.ROOT, "  check: %,d events counted before, %,d after, of %,d "
                        + "committed; same hours: %s -> %s%n", result.queryBefore().events(), result.queryAfter().events(),
                result.committedRows(), result.queryBefore().rows().equals(result.queryAfter().rows()),
                result.complete() ? "OK" : "FAILED"));
        return text.toString();
    }

    private static String grouped(long value) {
        return String.format(java.util.Locale.ROOT, "%,d", value);
    }

    private static void print(PrintWriter out, String format, Object... args) {
        ThrowawayStack.print(out, format, args);
    }
}
