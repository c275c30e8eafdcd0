package io.github.flinklakehouse.jobs.config;

import java.io.Serializable;
import java.time.Instant;

/**
 * Which rejected records {@code --job clickstream-replay} re-reads: one reason code and an optional range of
 * the time they were first seen ({@code seen_at}). Fields are {@code null} when not given.
 *
 * @param reason the reason code, e.g. {@code OVERSIZED}; required by the replay job only
 * @param seenFrom inclusive lower bound of {@code seen_at}, or {@code null}
 * @param seenUntil exclusive upper bound of {@code seen_at}, or {@code null}
 */
public record ReplaySettings(String reason, Instant seenFrom, Instant seenUntil) implements Serializable {

    /** No replay requested. */
    public static ReplaySettings none() {
        return new ReplaySettings(null, null, null);
    }

    /** Whether a record rejected for {@code rejectedFor} at {@code seenAt} is selected. */
    public boolean selects(String rejectedFor, Instant seenAt) {
        return rejectedFor.equals(reason)
                && (seenFrom == null || !seenAt.isBefore(seenFrom))
                && (seenUntil == null || seenAt.isBefore(seenUntil));
    }
}
