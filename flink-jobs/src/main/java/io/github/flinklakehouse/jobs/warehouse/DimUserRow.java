package io.github.flinklakehouse.jobs.warehouse;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One version of a user in {@code dim_user} (SCD Type 2), written absolute: a later write of the same
 * {@code userKey} (the version closed by the next one) replaces it.
 *
 * @param userKey deterministic surrogate key ({@link SurrogateKeys#userKey} of user id and valid_from)
 * @param userId the natural key
 * @param attributes the tracked attributes' values, in {@link WarehouseSettings#trackedAttributes()} order
 * @param validFrom event time of the first event of the version
 * @param validTo event time of the change that closed it, or {@code null} while it is current
 */
public record DimUserRow(long userKey, long userId, String[] attributes, Instant validFrom, Instant validTo) {

    /** Whether this is the user's current version. */
    public boolean isCurrent() {
        return validTo == null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DimUserRow row && row.userKey == userKey && row.userId == userId
                && Arrays.equals(row.attributes, attributes) && row.validFrom.equals(validFrom)
                && Objects.equals(row.validTo, validTo);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(userKey);
    }

    @Override
    public String toString() {
        return "DimUserRow[user " + userId + " " + List.of(attributes).toString().replace("null", "-") + " from "
                + validFrom + " to " + validTo + ", key " + userKey + "]";
    }
}
