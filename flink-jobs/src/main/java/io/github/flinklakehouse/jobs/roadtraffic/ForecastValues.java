package io.github.flinklakehouse.jobs.roadtraffic;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numeric reading of a KMA forecast value, which is text: plain numbers for most categories, and for
 * precipitation ({@code RN1}, {@code PCP}) and snow ({@code SNO}) words and ranges. The raw table keeps the text as
 * delivered beside this reading.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>text</th><th>value</th><th>why</th></tr>
 *   <tr><td>{@code 강수없음} (no precipitation), {@code 적설없음} (no snow)</td><td>0</td><td>nothing fell</td></tr>
 *   <tr><td>{@code 1.0mm 미만} (less than X)</td><td>X / 2</td><td>the middle of [0, X)</td></tr>
 *   <tr><td>{@code 30.0~50.0mm} (a range)</td><td>(low + high) / 2</td><td>the middle of the range</td></tr>
 *   <tr><td>{@code 50.0mm 이상} (X or more)</td><td>X</td><td>the only bound given</td></tr>
 *   <tr><td>a number, with or without {@code mm}/{@code cm}</td><td>the number</td><td></td></tr>
 *   <tr><td>a number of magnitude 900 or more</td><td>none</td><td>KMA's missing-value markers (+900, -999)</td></tr>
 *   <tr><td>anything else</td><td>none</td><td>kept as text only, never guessed</td></tr>
 * </table>
 */
public final class ForecastValues {

    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    private static final String UNIT = "\\s*(?:mm|cm)?";
    private static final Pattern LESS_THAN = Pattern.compile(NUMBER + UNIT + "\\s*미만");
    private static final Pattern RANGE = Pattern.compile(NUMBER + UNIT + "\\s*~\\s*" + NUMBER + UNIT);
    private static final Pattern AT_LEAST = Pattern.compile(NUMBER + UNIT + "\\s*이상");
    private static final Pattern PLAIN = Pattern.compile("(-?\\d{1,12}(?:\\.\\d{1,12})?)" + UNIT);
    private static final double MISSING_MAGNITUDE = 900;

    private ForecastValues() {
    }

    /** The value of {@code text} by the rules above, or null when it has none. */
    public static Double numeric(String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        if (value.equals("강수없음") || value.equals("적설없음")) {
            return 0.0;
        }
        Matcher m = LESS_THAN.matcher(value);
        if (m.matches()) {
            return Double.parseDouble(m.group(1)) / 2;
        }
        m = RANGE.matcher(value);
        if (m.matches()) {
            return (Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))) / 2;
        }
        m = AT_LEAST.matcher(value);
        if (m.matches()) {
            return Double.parseDouble(m.group(1));
        }
        m = PLAIN.matcher(value);
        if (m.matches()) {
            double number = Double.parseDouble(m.group(1));
            return Math.abs(number) >= MISSING_MAGNITUDE ? null : number;
        }
        return null;
    }
}
