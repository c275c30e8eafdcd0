package io.github.flinklakehouse.jobs.roadtraffic.emulator;

/**
 * One {@code getUltraSrtFcst} item as the emulator serves it, in the API's field order (values are strings, the
 * grid numbers).
 *
 * @param baseDate KST {@code yyyyMMdd}
 * @param baseTime KST {@code HHmm}
 * @param category KMA category
 * @param fcstDate KST {@code yyyyMMdd}
 * @param fcstTime KST {@code HHmm}
 * @param fcstValue the value as text
 * @param nx grid column
 * @param ny grid row
 */
public record EmulatedForecastItem(String baseDate, String baseTime, String category, String fcstDate,
        String fcstTime, String fcstValue, int nx, int ny) {
}
