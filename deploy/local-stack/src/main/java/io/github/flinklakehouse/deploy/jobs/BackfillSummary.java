package io.github.flinklakehouse.deploy.jobs;

import io.github.flinklakehouse.jobs.clickstream.ProgressCounters;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The closing summary of a backfill or parity run: rows in, left out, accepted, rejected by reason, time. */
public final class BackfillSummary {

    private BackfillSummary() {
    }

    /** Renders the summary of a finished run. */
    public static String render(BackfillRun.Result result) {
        boolean lakeWritten = result.lakeWritten();
        Map<String, String> counters = result.counters();
        StringBuilder text = new StringBuilder();
        long rows = BackfillProgress.number(counters, ProgressCounters.ROWS_READ);
        double jobSeconds = Math.max(result.jobTime().toMillis(), 1) / 1000.0;
        text.append(String.format(Locale.ROOT, "rows read:            %,d (%,.0f rows/s over the job's %s)%n", rows,
                rows / jobSeconds, clock(result.jobTime())));
        text.append(String.format(Locale.ROOT, "outside the range:    %,d%n",
                BackfillProgress.number(counters, ProgressCounters.OUTSIDE_RANGE)));
        text.append(String.format(Locale.ROOT, "accepted events:      %,d (%s raw.clickstream_events)%n",
                BackfillProgress.number(counters, ProgressCounters.RAW_EVENTS),
                lakeWritten ? "appended to" : "already in, not written to"));
        long rawKnown = BackfillProgress.number(counters, ProgressCounters.RAW_ALREADY_IN_LAKE);
        long rejectedKnown = BackfillProgress.number(counters, ProgressCounters.REJECTED_ALREADY_IN_LAKE);
        if (rawKnown + rejectedKnown > 0) {
            text.append(String.format(Locale.ROOT, "already in the lake:  %,d events, %,d dead letters (their source"
                    + " positions are there: not appended again)%n", rawKnown, rejectedKnown));
        }
        long rejected = 0;
        StringBuilder reasons = new StringBuilder();
        for (Map.Entry<String, String> counter : counters.entrySet()) {
            if (counter.getKey().startsWith(ProgressCounters.REJECTED_PREFIX)) {
                long count = BackfillProgress.number(counters, counter.getKey());
                rejected += count;
                reasons.append(String.format(Locale.ROOT, "  %-24s %,d%n",
                        counter.getKey().substring(ProgressCounters.REJECTED_PREFIX.length()), count));
            }
        }
        text.append(String.format(Locale.ROOT, "rejected:             %,d (%s raw.rejected_events)%n", rejected,
                lakeWritten ? "appended to" : "counted only, not written to"));
        text.append(reasons);
        for (String check : result.checks()) {
            text.append("check passed:         ").append(check).append('\n');
        }
        text.append("elapsed:              ").append(clock(result.jobTime().plus(result.martsTime())))
                .append(" (job ").append(clock(result.jobTime())).append(", marts ").append(clock(result.martsTime()))
                .append(")\n");
        return text.toString();
    }

    static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d.%d", seconds / 60, seconds % 60, duration.toMillisPart() / 100);
    }
}
