package io.github.flinklakehouse.jobs.roadtraffic.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The congestion level of an hour against the same hour of earlier weeks: bounds, missing weeks, no history. */
class RegionCongestionHourlyMartTest {

    private static final long HOUR = Instant.parse("2026-09-19T08:00:00Z").toEpochMilli();

    @Test
    void levelsAreDecidedOnTheExactRatioAtEachBound() {
        // Usual 100 (mean of 90 and 110): each bound belongs to the level above it.
        assertThat(level(79, 90, 110)).isEqualTo("light 0.7900");
        assertThat(level(80, 90, 110)).isEqualTo("normal 0.8000");
        assertThat(level(119, 90, 110)).isEqualTo("normal 1.1900");
        assertThat(level(120, 90, 110)).isEqualTo("busy 1.2000");
        assertThat(level(149, 90, 110)).isEqualTo("busy 1.4900");
        assertThat(level(150, 90, 110)).isEqualTo("congested 1.5000");
        // Usual 3 (mean of 1, 2, 3 and 6): 2.4 would be 0.8 exactly; 12 / 3 over 4 weeks... ratio = 12 * 4 / 12.
        assertThat(level(3, 1, 2, 3, 6)).isEqualTo("normal 1.0000");
        assertThat(level(2, 1, 2, 3, 6)).isEqualTo("light 0.6667");
        RegionCongestionHourlyRow row = row(7, 3, 3, 3);
        assertThat(row.congestionRatio()).isEqualByComparingTo("2.3333");
        assertThat(row.usualVolume()).isEqualByComparingTo("3");
    }

    @Test
    void weeksWithoutCountsAreLeftOutAndNoHistoryIsUnknown() {
        RegionCongestionHourlyRow row = RegionCongestionHourlyMart.row(entry(100),
                Arrays.asList(null, entry(50), null, entry(150)));
        assertThat(row.historyWeeks()).isEqualTo(2);
        assertThat(row.usualVolume()).isEqualByComparingTo("100");
        assertThat(row.congestionLevel()).isEqualTo("normal");

        RegionCongestionHourlyRow none = RegionCongestionHourlyMart.row(entry(100), Arrays.asList(null, null, null,
                null));
        assertThat(none.historyWeeks()).isZero();
        assertThat(none.usualVolume()).isNull();
        assertThat(none.congestionRatio()).isNull();
        assertThat(none.congestionLevel()).isEqualTo("unknown");

        RegionCongestionHourlyRow zero = row(5, 0, 0);
        assertThat(zero.usualVolume()).isEqualByComparingTo("0");
        assertThat(zero.congestionRatio()).isNull();
        assertThat(zero.congestionLevel()).isEqualTo("unknown");
    }

    private static String level(long volume, long... earlier) {
        RegionCongestionHourlyRow row = row(volume, earlier);
        return row.congestionLevel() + " " + row.congestionRatio().toPlainString();
    }

    private static RegionCongestionHourlyRow row(long volume, long... earlier) {
        return RegionCongestionHourlyMart.row(entry(volume), Arrays.stream(earlier).mapToObj(v -> entry(v)).toList());
    }

    private static RegionHourVolume entry(long volume) {
        return new RegionHourVolume(HOUR, "Seoul", volume, 96);
    }
}
