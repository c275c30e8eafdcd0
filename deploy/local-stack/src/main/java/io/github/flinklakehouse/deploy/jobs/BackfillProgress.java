package io.github.flinklakehouse.deploy.jobs;

import io.github.flinklakehouse.jobs.clickstream.ProgressCounters;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One line of a running backfill's progress, from the job's accumulators and the input size its entry point
 * published: rows and bytes read, rows per second and, when the size is known, the share read and when reading
 * will end (the stages after the input's keyBys run on in BATCH mode; their share is not known in advance).
 */
public final class BackfillProgress {

    /** Global job parameter with the bytes of all input files (file backfills). */
    public static final String TOTAL_BYTES = io.github.flinklakehouse.jobs.backfill.BackfillTotals.TOTAL_BYTES;
    /** Global job parameter with the rows of the lake scan (lake backfills). */
    public static final String TOTAL_ROWS = io.github.flinklakehouse.jobs.backfill.BackfillTotals.TOTAL_ROWS;

    private BackfillProgress() {
    }

    /** Formats the progress after {@code elapsed}. */
    public static String line(Map<String, String> counters, Map<String, String> totals, Duration elapsed) {
        long rows = number(counters, ProgressCounters.ROWS_READ);
        long bytes = number(counters, ProgressCounters.BYTES_READ);
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s rows read (%,.0f rows/s)", grouped(rows),
                rows / seconds));
        long totalBytes = number(totals, TOTAL_BYTES);
        long totalRows = number(totals, TOTAL_ROWS);
        double done = -1;
        if (totalBytes > 0) {
            line.append(String.format(Locale.ROOT, ", %s of %s", size(bytes), size(totalBytes)));
            done = (double) bytes / totalBytes;
        } else if (totalRows > 0) {
            line.append(" of ").append(grouped(totalRows));
            done = (double) rows / totalRows;
        } else if (bytes > 0) {
            line.append(", ").append(size(bytes));
        }
        if (done >= 1.0) {
            // In BATCH the later stages start once the input is read; their time is not predictable from it.
            line.append(", input read, later stages running");
        } else if (done > 0) {
            long etaSeconds = Math.round(seconds * (1 - done) / done);
            line.append(String.format(Locale.ROOT, ", %.0f%%, reading ETA %d:%02d", done * 100, etaSeconds / 60,
                    etaSeconds % 60));
        }
        line.append(String.format(Locale.ROOT, ", elapsed %d:%02d", (long) seconds / 60, (long) seconds % 60));
        return line.toString();
    }

    static long number(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
