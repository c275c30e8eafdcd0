package io.github.flinklakehouse.jobs.roadtraffic;

import java.util.regex.Pattern;

/**
 * Reads KEC's {@code trafficAmout} (sic): a whole number of vehicles delivered as text, plain ({@code "87"}) or with
 * thousands separators ({@code "1,234"}), or empty when the API reports no count.
 *
 * <p>Rules: empty or blank is "no count" (null, the raw row keeps it, the marts count it as unreported); a plain
 * or correctly grouped whole number is the count; a minus sign is {@code NEGATIVE_AMOUNT}; anything else (decimals,
 * wrong grouping such as {@code "1,23"}, more than 18 digits) is {@code BAD_AMOUNT}, never guessed.
 */
final class TrafficAmounts {

    private static final Pattern PLAIN = Pattern.compile("\\d{1,18}");
    private static final Pattern GROUPED = Pattern.compile("\\d{1,3}(,\\d{3}){1,5}");

    private TrafficAmounts() {
    }

    /** The count of {@code text} (already trimmed, null when empty); a {@link PolledFields.Rejection} when invalid. */
    static Long parse(String text) {
        if (text == null) {
            return null;
        }
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1).strip() : text;
        long value;
        if (PLAIN.matcher(digits).matches()) {
            value = Long.parseLong(digits);
        } else if (GROUPED.matcher(digits).matches()) {
            value = Long.parseLong(digits.replace(",", ""));
        } else {
            throw new PolledFields.Rejection(RoadTrafficRejectReason.BAD_AMOUNT,
                    "trafficAmout " + PolledFields.quoted(text) + " is not a whole number of vehicles");
        }
        if (negative && value != 0) {
            throw new PolledFields.Rejection(RoadTrafficRejectReason.NEGATIVE_AMOUNT,
                    "trafficAmout " + PolledFields.quoted(text) + " is negative");
        }
        return value;
    }
}
