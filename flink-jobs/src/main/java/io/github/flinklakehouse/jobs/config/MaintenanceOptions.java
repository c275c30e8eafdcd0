package io.github.flinklakehouse.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.github.flinklakehouse.catalog.maintenance.MaintenancePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

/**
 * The options of lake maintenance ({@code lakehouse maintain}): compaction, snapshot expiry and orphan cleanup of
 * the Iceberg tables. Defaults suit the local stack; the README's maintenance runbook gives production values.
 */
public final class MaintenanceOptions implements OptionGroup<MaintenanceSettings> {

    /** The group, for {@link ConfigLoader}. */
    public static final MaintenanceOptions GROUP = new MaintenanceOptions();

    public static final ConfigOption<List<String>> NAMESPACES = key("maintenance.namespaces")
            .stringType().asList().defaultValues("raw", "curated")
            .withDescription("Iceberg namespaces whose every table is maintained; absent namespaces are skipped.");
    public static final ConfigOption<MemorySize> TARGET_FILE_SIZE = key("maintenance.target-file-size")
            .memoryType().defaultValue(MemorySize.parse("128mb"))
            .withDescription("Size compaction merges the small data files of a partition up to.");
    public static final ConfigOption<Integer> MIN_INPUT_FILES = key("maintenance.min-input-files")
            .intType().defaultValue(5)
            .withDescription("A partition is compacted when it has at least this many files to merge.");
    public static final ConfigOption<Duration> SNAPSHOT_RETENTION = key("maintenance.snapshot-retention")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("Snapshots younger than this are kept (time travel, readers planning on them).");
    public static final ConfigOption<Integer> SNAPSHOTS_KEPT = key("maintenance.snapshots-kept")
            .intType().defaultValue(10)
            .withDescription("The latest snapshots kept whatever their age.");
    public static final ConfigOption<Duration> SAVEPOINT_RETENTION = key("maintenance.savepoint-retention")
            .durationType().defaultValue(Duration.ofDays(1))
            .withDescription("The last commit of every Flink job that committed within this time is kept with every "
                    + "later snapshot, so its savepoints and retained checkpoints restore exactly once; set it to "
                    + "the age of the oldest savepoint you may restore.");
    public static final ConfigOption<List<String>> PROTECTED_JOBS = key("maintenance.protected-jobs")
            .stringType().asList().noDefaultValue()
            .withDescription("Flink job ids (32 hex digits) whose last commit is kept whatever its age: jobs whose "
                    + "savepoints you keep longer than maintenance.savepoint-retention.");
    public static final ConfigOption<Duration> ORPHAN_FILE_AGE = key("maintenance.orphan-file-age")
            .durationType().defaultValue(Duration.ofDays(3))
            .withDescription("Unreferenced files under a table are deleted once this old; at least "
                    + "maintenance.savepoint-retention (a savepoint's uncommitted files are unreferenced until it is "
                    + "restored).");

    /** Every maintenance option, in the order {@code --help} lists them. */
    public static final List<ConfigOption<?>> ALL = List.of(NAMESPACES, TARGET_FILE_SIZE, MIN_INPUT_FILES,
            SNAPSHOT_RETENTION, SNAPSHOTS_KEPT, SAVEPOINT_RETENTION, PROTECTED_JOBS, ORPHAN_FILE_AGE);

    private MaintenanceOptions() {
    }

    @Override
    public String title() {
        return "Lake maintenance (lakehouse maintain)";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return ALL;
    }

    @Override
    public MaintenanceSettings read(OptionReader v) {
        List<String> namespaces = v.get(NAMESPACES);
        v.check(namespaces != null && !namespaces.isEmpty()
                && namespaces.stream().allMatch(n -> n.matches("[a-z_][a-z0-9_]*")), NAMESPACES,
                "must be lower-case identifiers separated by ';' but was " + namespaces);
        MemorySize target = v.get(TARGET_FILE_SIZE);
        v.check(target == null || target.getBytes() >= MemorySize.parse("1mb").getBytes(), TARGET_FILE_SIZE,
                "must be at least 1 mb but was " + target);
        int minInputFiles = v.between(MIN_INPUT_FILES, 2, 10_000);
        int snapshotsKept = v.between(SNAPSHOTS_KEPT, 1, 1_000_000);
        Duration snapshotRetention = v.notNegative(SNAPSHOT_RETENTION);
        Duration savepointRetention = v.notNegative(SAVEPOINT_RETENTION);
        Duration orphanAge = v.positive(ORPHAN_FILE_AGE);
        List<String> jobs = v.optional(PROTECTED_JOBS).orElse(List.of());
        v.check(jobs.stream().allMatch(job -> job.matches("[0-9a-f]{32}")), PROTECTED_JOBS,
                "must be Flink job ids of 32 lower-case hex digits separated by ';' but was " + jobs);
        v.check(orphanAge == null || savepointRetention == null || orphanAge.compareTo(savepointRetention) >= 0,
                ORPHAN_FILE_AGE, "must be at least " + SAVEPOINT_RETENTION.key() + " (" + savepointRetention
                        + "): files a kept savepoint wrote but never committed would be deleted");
        if (v.hasProblems()) {
            return null;
        }
        return new MaintenanceSettings(namespaces, new MaintenancePolicy(target.getBytes(), minInputFiles,
                snapshotRetention, snapshotsKept, savepointRetention, Set.copyOf(jobs), orphanAge));
    }
}
