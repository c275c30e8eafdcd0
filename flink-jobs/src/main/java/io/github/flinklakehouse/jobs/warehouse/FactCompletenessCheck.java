package io.github.flinklakehouse.jobs.warehouse;

import io.github.flinklakehouse.jobs.clickstream.ProgressCounters;
import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.jobs.pipeline.BackfillCheck;
import java.util.Locale;
import java.util.Map;

/**
 * The warehouse use case's staging-vs-fact completeness check, run over a finished backfill: the share of the range's
 * staged rows that became {@code fact_user_events} rows must be at least {@code warehouse.backfill.min-completeness}.
 *
 * <p>Staged rows are the rows read ({@link ProgressCounters#ROWS_READ}) minus the valid events outside the range
 * ({@link ProgressCounters#OUTSIDE_RANGE}); a rejected row has no trusted event time, so it counts as staged and
 * lowers the ratio, as does a row a {@code drop} rule removed, a duplicate or a late event. Facts are the rows the
 * fact sink received ({@link ProgressCounters#FACT_ROWS}).
 *
 * @param minRatio the least share, 0 to 1; 0 never fails
 */
public record FactCompletenessCheck(double minRatio) implements BackfillCheck {

    /** The rule name the check reports under. */
    public static final String RULE = "fact_completeness";

    @Override
    public String verify(Map<String, String> counters, EventTimeRange range) {
        long staged = number(counters, ProgressCounters.ROWS_READ) - number(counters, ProgressCounters.OUTSIDE_RANGE);
        long facts = number(counters, ProgressCounters.FACT_ROWS);
        // Nothing staged: nothing is missing.
        double ratio = staged <= 0 ? 1.0 : (double) facts / staged;
        String measured = String.format(Locale.ROOT, "%s %.4f: %,d fact_user_events rows of %,d staged rows in %s",
                RULE, ratio, facts, staged, range);
        String threshold = String.format(Locale.ROOT, "%s %.4f (%s)", ratio < minRatio ? "below" : "at least",
                minRatio, WarehouseOptions.MIN_COMPLETENESS.key());
        if (ratio < minRatio) {
            throw new Failed(measured + ", " + threshold + "; nothing of the range was published (the rows that did "
                    + "not become facts, by reason: the job's accumulators rejected.*, data_quality_daily)");
        }
        return measured + ", " + threshold;
    }

    private static long number(Map<String, String> counters, String name) {
        String value = counters.get(name);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("The accumulator " + name + " is not a count: '" + value + "'", e);
        }
    }
}
