package io.github.flinklakehouse.jobs.warehouse;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One user's {@code dim_user} history after a backfill replaced the user's events of a range: the target's versions
 * before the range, the backfill's versions of the range, the target's versions after it, stitched into the
 * versions a run over all the events would have made.
 *
 * <p>Versions are runs of equal attributes ({@link UserVersionsFunction}), so the runs of the three parts,
 * concatenated, with each version that repeats its predecessor's attributes dropped (it continues that version), are
 * the runs of the whole. One part is implicit: the events after the range that the target counted in a version
 * starting before the range's end. They had that version's attributes (else they would have opened one), so they
 * continue as a version of those attributes from the first of them ({@code firstLaterEvent}) unless the range's last
 * version already has them.
 */
final class UserHistoryStitch {

    /** A version: from {@code validFromMillis} until the next one, with {@code attributes}. */
    record Version(long validFromMillis, String[] attributes) {
        Version {
            attributes = attributes.clone();
        }

        boolean sameAttributes(Version other) {
            return Arrays.equals(attributes, other.attributes);
        }
    }

    private UserHistoryStitch() {
    }

    /**
     * @param target the target's versions of the user, by {@code valid_from}
     * @param staged the backfill's versions of the range, by {@code valid_from} (all start inside the range)
     * @param range the backfilled range
     * @param firstLaterEvent the event time of the user's first fact at or after the range's end that the target
     *     keys to a version starting before the end, or {@code null}
     * @return the stitched versions, by {@code valid_from}; each lasts until the next, the last is current
     */
    static List<Version> stitch(List<Version> target, List<Version> staged, EventTimeRange range,
            Long firstLaterEvent) {
        List<Version> parts = new ArrayList<>();
        Version spanningEnd = null;
        List<Version> after = new ArrayList<>();
        for (Version version : target) {
            if (range.from() != null && version.validFromMillis() < range.from().toEpochMilli()) {
                parts.add(version);
            }
            if (range.until() == null || version.validFromMillis() < range.until().toEpochMilli()) {
                spanningEnd = version;
            } else {
                after.add(version);
            }
        }
        parts.addAll(staged);
        if (firstLaterEvent != null && spanningEnd != null
                && (after.isEmpty() || firstLaterEvent < after.get(0).validFromMillis())) {
            parts.add(new Version(firstLaterEvent, spanningEnd.attributes()));
        }
        parts.addAll(after);

        List<Version> stitched = new ArrayList<>();
        for (Version version : parts) {
            Version previous = stitched.isEmpty() ? null : stitched.get(stitched.size() - 1);
            if (previous != null && version.validFromMillis() <= previous.validFromMillis()) {
                throw new IllegalStateException("Versions of one user out of order at " + version.validFromMillis());
            }
            if (previous == null || !previous.sameAttributes(version)) {
                stitched.add(version);
            }
        }
        return stitched;
    }
}
