package io.github.flinklakehouse.jobs.clickstream.marts;

/**
 * The keys of the clickstream aggregations that are more than one number. Immutable records (Flink POJOs), so a
 * key held in state can never change under it when the job reuses objects. Each spells out {@code equals} and
 * {@code hashCode}: the records' generated ones go through method-handle chains that cost a large share of the
 * marts' time on these hot paths (hash maps of every mini-batch).
 */
public final class MartKeys {

    private MartKeys() {
    }

    /** A key's text: {@code ""} for a missing value, so a key never holds null and matches SQL's coalesce. */
    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A calendar period: its label ({@code day}, {@code week}, {@code month}) and start (epoch millis). */
    public record Period(String period, long start) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Period that && start == that.start && period.equals(that.period);
        }

        @Override
        public int hashCode() {
            return 31 * period.hashCode() + Long.hashCode(start);
        }
    }

    /** A category at one level on one UTC day. */
    public record CategoryDay(long dayStart, String level, String category) {
        @Override
        public boolean equals(Object other) {
            return other instanceof CategoryDay that && dayStart == that.dayStart && level.equals(that.level)
                    && category.equals(that.category);
        }

        @Override
        public int hashCode() {
            return (31 * Long.hashCode(dayStart) + level.hashCode()) * 31 + category.hashCode();
        }
    }

    /** A category code and brand on one UTC day ({@code ""} when missing). */
    public record FunnelDay(long dayStart, String categoryCode, String brand) {
        @Override
        public boolean equals(Object other) {
            return other instanceof FunnelDay that && dayStart == that.dayStart
                    && categoryCode.equals(that.categoryCode) && brand.equals(that.brand);
        }

        @Override
        public int hashCode() {
            return (31 * Long.hashCode(dayStart) + categoryCode.hashCode()) * 31 + brand.hashCode();
        }
    }

    /** A product on one UTC day. */
    public record ProductDay(long dayStart, long productId) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ProductDay that && dayStart == that.dayStart && productId == that.productId;
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(dayStart) + Long.hashCode(productId);
        }
    }

    /** A product in the sliding window ending at {@code windowEnd} (epoch millis). */
    public record ProductWindow(long windowEnd, long productId) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ProductWindow that && windowEnd == that.windowEnd && productId == that.productId;
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(windowEnd) + Long.hashCode(productId);
        }
    }

    /** A category code and brand in one UTC month ({@code ""} when missing); the month's first day at 00:00. */
    public record FunnelMonth(long monthStart, String categoryCode, String brand) {
        @Override
        public boolean equals(Object other) {
            return other instanceof FunnelMonth that && monthStart == that.monthStart
                    && categoryCode.equals(that.categoryCode) && brand.equals(that.brand);
        }

        @Override
        public int hashCode() {
            return (31 * Long.hashCode(monthStart) + categoryCode.hashCode()) * 31 + brand.hashCode();
        }
    }

    /** A region ({@code ""} when missing) in one UTC hour. */
    public record RegionHour(long hourStart, String region) {
        @Override
        public boolean equals(Object other) {
            return other instanceof RegionHour that && hourStart == that.hourStart && region.equals(that.region);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(hourStart) + region.hashCode();
        }
    }

    /** A region ({@code ""} when missing) on one UTC day: the group of a search-query ranking. */
    public record RegionDay(long dayStart, String region) {
        @Override
        public boolean equals(Object other) {
            return other instanceof RegionDay that && dayStart == that.dayStart && region.equals(that.region);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(dayStart) + region.hashCode();
        }
    }

    /** A normalised search query in one region on one UTC day. */
    public record QueryDay(long dayStart, String region, String query) {
        @Override
        public boolean equals(Object other) {
            return other instanceof QueryDay that && dayStart == that.dayStart && region.equals(that.region)
                    && query.equals(that.query);
        }

        @Override
        public int hashCode() {
            return (31 * Long.hashCode(dayStart) + region.hashCode()) * 31 + query.hashCode();
        }
    }

    /** A device ({@code ""} when missing) on one UTC day. */
    public record DeviceDay(long dayStart, String device) {
        @Override
        public boolean equals(Object other) {
            return other instanceof DeviceDay that && dayStart == that.dayStart && device.equals(that.device);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(dayStart) + device.hashCode();
        }
    }
}
