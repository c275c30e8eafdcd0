package io.github.flinklakehouse.jobs.roadtraffic.emulator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic, realistic toll-gate counts and ultra-short forecasts for the API emulator: the same seed and slot
 * always give the same records, so a test can compute the marts on its own from {@link #countsOf}.
 *
 * <p>Counts per 15-minute slot for every gate x direction x lane type x vehicle class follow a daily profile (KST
 * rush hours at 8 and 18), each gate's size, vehicle-class shares (cars ~70 %) and hi-pass ~75 %, with noise.
 * Quirks of the real API are reproduced: gate {@code 101} comes with a trailing space, amounts of 1,000 or more
 * carry thousands separators, about one count in 97 has an empty amount, and gate {@code 999} is not in the example
 * dimension. Bad records ({@link #isBadRecord}) are added to a few slots: an amount {@code 12.5} and a
 * {@code carType 9}; some slots repeat a record at their end, identical or with another amount (a measurement
 * served twice).
 */
public final class EmulatedRoadData {

    /** KEC and KMA times are Korea Standard Time. */
    public static final ZoneId KST = ZoneId.of("Asia/Seoul");

    /** Gates the emulator serves: code, name, relative size (the example dimension's gates plus one unknown). */
    private static final String[][] GATES = {
        {"101", "서울", "40"}, {"103", "성남", "22"}, {"105", "기흥", "18"}, {"110", "수원신갈", "25"},
        {"115", "오산", "12"}, {"120", "천안", "15"}, {"125", "대전", "16"}, {"140", "동대구", "14"},
        {"999", "임시영업소", "3"}};
    private static final double[] CAR_SHARES = {0.70, 0.10, 0.08, 0.05, 0.04, 0.03};
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm", Locale.ROOT);
    private static final String[] FORECAST_CATEGORIES = {"LGT", "PTY", "RN1", "SKY", "T1H", "REH", "UUU", "VVV",
        "VEC", "WSD"};

    private final long seed;

    public EmulatedRoadData(long seed) {
        this.seed = seed;
    }

    /** Every record of the slot starting at {@code slotStart} (bad records included), in the order served. */
    public List<EmulatedTrafficCount> countsOf(Instant slotStart) {
        ZonedDateTime kst = slotStart.atZone(KST);
        String date = DATE.format(kst);
        String time = TIME.format(kst);
        double profile = profile(kst.getHour() + kst.getMinute() / 60.0);
        List<EmulatedTrafficCount> counts = new ArrayList<>();
        for (String[] gate : GATES) {
            String code = gate[0].equals("101") ? "101 " : gate[0];
            for (int inout = 0; inout <= 1; inout++) {
                for (int tcs = 1; tcs <= 2; tcs++) {
                    for (int car = 1; car <= 6; car++) {
                        SplittableRandom random = new SplittableRandom(
                                seed ^ (slotStart.toEpochMilli() * 31 + gate[0].hashCode()) * 1_000_003L
                                        + inout * 10_007L + tcs * 101L + car);
                        double mean = Integer.parseInt(gate[2]) * 12 * profile * CAR_SHARES[car - 1]
                                * (tcs == 2 ? 0.75 : 0.25);
                        long amount = Math.max(0, Math.round(mean * (0.8 + 0.4 * random.nextDouble())));
                        String text = random.nextInt(97) == 0 ? "" : grouped(amount);
                        counts.add(new EmulatedTrafficCount(code, gate[1], Integer.toString(inout),
                                Integer.toString(tcs), Integer.toString(car), text, date, time));
                    }
                }
            }
        }
        long slotIndex = Math.floorDiv(slotStart.toEpochMilli(), 900_000L);
        if (slotIndex % 37 == 2) {
            counts.add(counts.get(0));
        }
        if (slotIndex % 41 == 9) {
            EmulatedTrafficCount c = counts.get(5);
            counts.add(new EmulatedTrafficCount(c.unitCode(), c.unitName(), c.inoutType(), c.tcsType(), c.carType(),
                    c.trafficAmout().isEmpty() ? "7" : "", c.sumDate(), c.sumTm()));
        }
        if (slotIndex % 29 == 3) {
            counts.add(new EmulatedTrafficCount("105", "기흥", "0", "1", "1", "12.5", date, time));
        }
        if (slotIndex % 31 == 7) {
            counts.add(new EmulatedTrafficCount("110", "수원신갈", "1", "2", "9", "4", date, time));
        }
        return counts;
    }

    /** Whether {@code count} is one of the bad records this data adds on purpose. */
    public static boolean isBadRecord(EmulatedTrafficCount count) {
        return count.trafficAmout().equals("12.5") || count.carType().equals("9");
    }

    /**
     * The ultra-short forecast issued at {@code baseTime} (HH:30 KST) for cell {@code nx}/{@code ny}: ten categories
     * for the six following hours, in the API's order (by category, then time); empty (NO_DATA) for about one base
     * time in 11 of each cell, so a mart must fall back to an older forecast.
     */
    public List<EmulatedForecastItem> forecastOf(Instant baseTime, int nx, int ny) {
        if (Math.floorMod(baseTime.getEpochSecond() / 3600 + nx + ny, 11) == 0) {
            // Now and then a cell's forecast of one base time is missing (the API answers NO_DATA).
            return List.of();
        }
        ZonedDateTime base = baseTime.atZone(KST);
        List<EmulatedForecastItem> items = new ArrayList<>();
        for (String category : FORECAST_CATEGORIES) {
            for (int hour = 1; hour <= 6; hour++) {
                ZonedDateTime at = base.withMinute(0).plusHours(hour);
                SplittableRandom random = new SplittableRandom(seed ^ (at.toEpochSecond() * 7919L + nx * 263L + ny));
                boolean rain = random.nextInt(5) == 0;
                String value = switch (category) {
                    case "LGT" -> "0";
                    case "PTY" -> rain ? "1" : "0";
                    case "RN1" -> rain ? new String[] {"1.0mm 미만", "2.5mm", "30.0~50.0mm"}[random.nextInt(3)]
                            : "강수없음";
                    case "SKY" -> rain ? "4" : new String[] {"1", "3", "4"}[random.nextInt(3)];
                    // The older the forecast (hours ahead of its base time), the warmer: which base time a mart
                    // reads shows in the temperature.
                    case "T1H" -> Integer.toString(8 + random.nextInt(20) + hour - 1);
                    case "REH" -> Integer.toString(30 + random.nextInt(70));
                    case "UUU", "VVV" -> String.format(Locale.ROOT, "%.1f", random.nextDouble() * 8 - 4);
                    case "VEC" -> Integer.toString(random.nextInt(360));
                    default -> String.format(Locale.ROOT, "%.1f", random.nextDouble() * 6);
                };
                items.add(new EmulatedForecastItem(DATE.format(base), TIME.format(base), category,
                        DATE.format(at), TIME.format(at), value, nx, ny));
            }
        }
        return items;
    }

    /** Vehicles per 15 minutes relative to the day's mean: low at night, peaks at 8 and 18 KST. */
    private static double profile(double kstHour) {
        return 0.25 + 1.2 * Math.exp(-Math.pow(kstHour - 8, 2) / 4) + 1.0 * Math.exp(-Math.pow(kstHour - 18, 2) / 6)
                + 0.5 * Math.exp(-Math.pow(kstHour - 13, 2) / 10);
    }

    private static String grouped(long amount) {
        return String.format(Locale.ROOT, "%,d", amount);
    }
}
