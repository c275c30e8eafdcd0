package io.github.flinklakehouse.jobs.roadtraffic.emulator;

/**
 * One {@code trafficIc} record as the emulator serves it: every field exactly as the API delivers it (a padded
 * {@code unitCode}, an amount with thousands separators or empty), in the API's field order.
 *
 * @param unitCode toll-gate code as delivered (may carry a trailing space)
 * @param unitName toll-gate name
 * @param inoutType {@code 0} entry, {@code 1} exit
 * @param tcsType {@code 1} TCS, {@code 2} hi-pass
 * @param carType vehicle class {@code 1}..{@code 6} (a bad record may carry another)
 * @param trafficAmout the amount as delivered (sic)
 * @param sumDate KST date {@code yyyyMMdd}
 * @param sumTm KST time {@code HHmm}
 */
public record EmulatedTrafficCount(String unitCode, String unitName, String inoutType, String tcsType,
        String carType, String trafficAmout, String sumDate, String sumTm) {
}
