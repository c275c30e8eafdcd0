package io.github.flinklakehouse.jobs.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** UTC days, ISO weeks starting Monday and months, as PostgreSQL's {@code date_trunc} sees them. */
class UtcPeriodTest {

    @Test
    void startsOfPeriods() {
        Instant sunday = Instant.parse("2019-10-27T23:59:59.999Z");
        assertThat(UtcPeriod.DAY.startOf(sunday)).isEqualTo(millis("2019-10-27T00:00:00Z"));
        assertThat(UtcPeriod.WEEK.startOf(sunday)).isEqualTo(millis("2019-10-21T00:00:00Z"));
        assertThat(UtcPeriod.WEEK.startOf(Instant.parse("2019-10-28T00:00:00Z"))).isEqualTo(millis("2019-10-28T00:00:00Z"));
        assertThat(UtcPeriod.MONTH.startOf(sunday)).isEqualTo(millis("2019-10-01T00:00:00Z"));
        // The ISO week of 1 January 2020 starts in the previous year.
        assertThat(UtcPeriod.WEEK.startOf(Instant.parse("2020-01-01T12:00:00Z"))).isEqualTo(millis("2019-12-30T00:00:00Z"));
    }

    @Test
    void endsOfPeriods() {
        assertThat(UtcPeriod.DAY.endOf(millis("2019-10-31T00:00:00Z"))).isEqualTo(millis("2019-11-01T00:00:00Z"));
        assertThat(UtcPeriod.WEEK.endOf(millis("2019-10-28T00:00:00Z"))).isEqualTo(millis("2019-11-04T00:00:00Z"));
        assertThat(UtcPeriod.MONTH.endOf(millis("2020-02-01T00:00:00Z"))).isEqualTo(millis("2020-03-01T00:00:00Z"));
        assertThat(UtcPeriod.WEEK.label()).isEqualTo("week");
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
