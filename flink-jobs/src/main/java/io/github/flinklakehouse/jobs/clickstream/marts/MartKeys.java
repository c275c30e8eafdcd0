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
}
