package io.github.flinklakehouse.jobs.pipeline;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import java.util.Map;

/**
 * A batch check a pipeline runs over a finished backfill before its marts are published: it reads the job's
 * accumulators (web UI: job → Accumulators; REST {@code /jobs/:id/accumulators}) and either passes, giving a line for
 * the backfill's summary, or fails the backfill, which then publishes nothing.
 */
@FunctionalInterface
public interface BackfillCheck {

    /**
     * Checks a finished backfill.
     *
     * @param counters the job's accumulators by name, as the REST API gives them (numbers as text)
     * @param range the backfill's event-time range
     * @return one line for the summary, e.g. what was measured against what threshold
     * @throws Failed when the backfill must not be published; the message says what, against what, and for which range
     */
    String verify(Map<String, String> counters, EventTimeRange range);

    /** A violated check: the backfill fails with this message. */
    final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Failed(String message) {
            super(message);
        }
    }
}
