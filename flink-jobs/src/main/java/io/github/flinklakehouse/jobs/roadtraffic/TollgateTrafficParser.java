package io.github.flinklakehouse.jobs.roadtraffic;

import io.github.flinklakehouse.connectors.http.HttpRecord;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one polled KEC {@code trafficIc} item into a {@link TollgateTraffic} row or a typed dead letter; never
 * throws.
 *
 * <p>Required: {@code unitCode}, {@code inoutType}, {@code tcsType}, {@code carType}, {@code tmType},
 * {@code sumDate} ({@code yyyyMMdd}) and {@code sumTm} ({@code HHmm}), both KST; the four codes must be documented
 * values ({@code UNKNOWN_CODE} otherwise). Codes are trimmed (the API pads
 * {@code unitCode} with a trailing space); names are kept as delivered; the amount follows {@link TrafficAmounts}.
 * Unknown fields are ignored.
 */
public final class TollgateTrafficParser {

    private static final Set<String> TM_TYPES = Set.of("1", "2");
    private static final Set<String> INOUT_TYPES = Set.of("0", "1");
    private static final Set<String> TCS_TYPES = Set.of("1", "2");
    private static final Set<String> CAR_TYPES = Set.of("1", "2", "3", "4", "5", "6");

    private TollgateTrafficParser() {
    }

    /** A required code that must be one of {@code known}: the marts have a column or key per documented value. */
    private static String code(PolledFields fields, String name, Set<String> known) {
        String value = fields.required(name);
        if (!known.contains(value)) {
            throw new PolledFields.Rejection(RoadTrafficRejectReason.UNKNOWN_CODE,
                    name + " " + PolledFields.quoted(value) + " is none of " + new TreeSet<>(known));
        }
        return value;
    }

    /** Parses {@code record}. */
    public static Parsed<TollgateTraffic> parse(HttpRecord record) {
        try {
            PolledFields fields = PolledFields.of(record);
            String unitCode = fields.required("unitCode");
            String tmType = code(fields, "tmType", TM_TYPES);
            String inoutType = code(fields, "inoutType", INOUT_TYPES);
            String tcsType = code(fields, "tcsType", TCS_TYPES);
            String carType = code(fields, "carType", CAR_TYPES);
            long slotStart = fields.kstInstant("sumDate", "sumTm");
            Long amount = TrafficAmounts.parse(fields.optional("trafficAmout"));
            return Parsed.of(new TollgateTraffic(slotStart, tmType, unitCode, fields.optional("unitName"),
                    fields.optional("exDivCode"), fields.optional("exDivName"), inoutType,
                    fields.optional("inoutName"), tcsType, fields.optional("tcsName"), carType, amount, "http",
                    PolledFields.position(record), record.windowEndMs()));
        } catch (PolledFields.Rejection rejection) {
            return Parsed.rejected(PolledFields.deadLetter(record, rejection.reason(), rejection.getMessage()));
        } catch (RuntimeException bug) {
            return Parsed.rejected(PolledFields.deadLetter(record, RoadTrafficRejectReason.PARSER_FAILURE,
                    "parser failed: " + bug));
        }
    }
}
