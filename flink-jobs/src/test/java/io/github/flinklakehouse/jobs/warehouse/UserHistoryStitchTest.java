package io.github.flinklakehouse.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.jobs.warehouse.UserHistoryStitch.Version;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stitching rule of a range backfill's {@code dim_user} history, one case per boundary situation. */
class UserHistoryStitchTest {

    private static final EventTimeRange RANGE = new EventTimeRange(at(11), at(12));

    @Test
    void aChangeInTheRangeAbsorbsTheSameChangeTheTargetSawLater() {
        List<Version> stitched = UserHistoryStitch.stitch(List.of(v(10, "mobile"), v(12.5, "desktop")),
                List.of(v(11.25, "desktop")), RANGE, null);

        assertThat(render(stitched)).containsExactly("10.0 mobile", "11.25 desktop");
    }

    @Test
    void aChangeTheEventsAfterTheRangeUndoSplitsTheVersionSpanningItsEnd() {
        List<Version> stitched = UserHistoryStitch.stitch(List.of(v(10, "mobile")), List.of(v(11.5, "desktop")),
                RANGE, millis(12.25));

        assertThat(render(stitched)).containsExactly("10.0 mobile", "11.5 desktop", "12.25 mobile");
    }

    @Test
    void aRangeWithoutAChangeJoinsTheVersionBeforeIt() {
        List<Version> stitched = UserHistoryStitch.stitch(List.of(v(10, "mobile")), List.of(v(11.25, "mobile")),
                RANGE, millis(12.25));

        assertThat(render(stitched)).containsExactly("10.0 mobile");
    }

    @Test
    void theTargetsVersionsOfTheRangeAreReplacedAndTheRestJoined() {
        List<Version> stitched = UserHistoryStitch.stitch(
                List.of(v(10, "mobile"), v(11.5, "tv"), v(12.5, "mobile"), v(13, "desktop")), List.of(), RANGE, null);

        assertThat(render(stitched)).containsExactly("10.0 mobile", "13.0 desktop");
    }

    @Test
    void theVersionSpanningTheEndMayStartInTheRangeAndIsSplitWithItsOwnAttributes() {
        // The target saw a tablet from 11:30 on, past 12:00; the backfill knows the range was a desktop.
        List<Version> stitched = UserHistoryStitch.stitch(List.of(v(10, "mobile"), v(11.5, "tablet")),
                List.of(v(11.25, "desktop")), RANGE, millis(12.75));

        assertThat(render(stitched)).containsExactly("10.0 mobile", "11.25 desktop", "12.75 tablet");
    }

    @Test
    void unboundedRangesHaveNoBeforeOrNoAfter() {
        assertThat(render(UserHistoryStitch.stitch(List.of(v(10, "mobile"), v(13, "tv")), List.of(v(10.5, "tv")),
                new EventTimeRange(null, at(12)), millis(13)))).containsExactly("10.5 tv");
        assertThat(render(UserHistoryStitch.stitch(List.of(v(10, "mobile"), v(13, "tv")), List.of(v(11.5, "tv")),
                new EventTimeRange(at(11), null), null))).containsExactly("10.0 mobile", "11.5 tv");
    }

    private static List<String> render(List<Version> versions) {
        return versions.stream().map(v -> (v.validFromMillis() - at(0).toEpochMilli()) / 3_600_000.0 + " "
                + String.join(",", v.attributes())).toList();
    }

    private static Version v(double hour, String device) {
        return new Version(millis(hour), new String[] {device});
    }

    private static long millis(double hour) {
        return at(0).toEpochMilli() + Math.round(hour * 3_600_000);
    }

    private static Instant at(int hour) {
        return Instant.parse("2025-01-10T00:00:00Z").plusSeconds(hour * 3600L);
    }
}
