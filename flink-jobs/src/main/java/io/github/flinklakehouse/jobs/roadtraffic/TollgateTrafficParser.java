package io.github.flinklakehouse.jobs.roadtraffic;

import io.github.flinklakehouse.connectors.http.HttpRecord;

/**
 * Turns one polled KEC {@code trafficIc} item into a {@link TollgateTraffic} row or a typed dead letter; never
 * throws.
 *
 * <p>Required: {@code unitCode}, {@code inoutType}, {@code tcsType}, {@code carType}, {@code tmType},
 * {@code sumDate} ({@code yyyyMMdd}) and {@code sumTm} ({@code HHmm}), both KST. Codes are trimmed (the API pads
 * {@code unitCode} with a trailing space); names are kept as delivered; the amount follows {@link TrafficAmounts}.
 * Unknown fields are ignored.
 */
public final class TollgateTrafficParser {

    private TollgateTrafficParser() {
    }

    /** Parses {@code record}. */
    public static Parsed<TollgateTraffic> parse(HttpRecord record) {
        try {
            PolledFields fields = PolledFields.of(record);
            String unitCode = fields.required("unitCode");
            String tmType = fields.required("tmType");
            String inoutType = fields.required("inoutType");
            String tcsType = fields.required("tcsType");
            String carType = fields.required("carType");
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
