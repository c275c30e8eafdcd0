package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficOptions;
import io.github.flinklakehouse.jobs.roadtraffic.emulator.EmulatedRoadData;
import io.github.flinklakehouse.jobs.roadtraffic.emulator.RoadApiEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The APIs {@code lakehouse run}'s road-traffic job polls: the real KEC (and KMA) APIs when their keys are in this
 * JVM's environment ({@code KEC_API_KEY}, {@code KMA_SERVICE_KEY}: the job's default key variables), else the
 * {@link RoadApiEmulator} in this JVM on a loopback port of its own.
 *
 * <p>How a key reaches the job: the job reads it from an environment variable of the TaskManager
 * ({@code road-traffic.kec.key-env}, {@code road-traffic.kma.key-env}), never from an option, a file or an argument.
 * Real keys are in the TaskManager's environment because the stack's services inherit this JVM's. The emulator's key
 * is made here at random (it exists in this JVM's memory only), handed to the TaskManager as
 * {@value #EMULATOR_KEY_VARIABLE} at its start ({@link #taskManagerEnvironment()}), and the job's key variables are
 * pointed at that variable. No key is printed, logged or written to the job's configuration file.
 */
final class RoadTrafficApis implements AutoCloseable {
    /** The TaskManager's environment variable with the emulator's key. */
    static final String EMULATOR_KEY_VARIABLE = "LAKEHOUSE_ROAD_API_EMULATOR_KEY";
    /** Seed of the emulator's generated traffic and forecasts (deterministic, as the emulator's own main). */
    static final long EMULATOR_SEED = 42L;

    private final boolean realTraffic;
    private final boolean realWeather;
    private final String emulatorKey;
    private RoadApiEmulator emulator;

    private RoadTrafficApis(boolean realTraffic, boolean realWeather, String emulatorKey) {
        this.realTraffic = realTraffic;
        this.realWeather = realWeather;
        this.emulatorKey = emulatorKey;
    }

    /** Real APIs when {@code environment} holds the KEC key (and the KMA key, for weather), else the emulator. */
    static RoadTrafficApis fromEnvironment(Map<String, String> environment) {
        boolean kec = isSet(environment, RoadTrafficOptions.KEC_KEY_ENV.defaultValue());
        boolean kma = isSet(environment, RoadTrafficOptions.KMA_KEY_ENV.defaultValue());
        if (kec) {
            return new RoadTrafficApis(true, kma, null);
        }
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return new RoadTrafficApis(false, false, Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    }

    private static boolean isSet(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        return value != null && !value.isBlank();
    }

    /** True when the job polls the emulator. */
    boolean emulated() {
        return !realTraffic;
    }

    /** What the TaskManager needs beyond this JVM's environment: the emulator's key, or nothing. */
    Map<String, String> taskManagerEnvironment() {
        return emulated() ? Map.of(EMULATOR_KEY_VARIABLE, emulatorKey) : Map.of();
    }

    /** Starts the emulator (when the job polls it) on a free loopback port. */
    void start() {
        if (emulated() && emulator == null) {
            try {
                emulator = RoadApiEmulator.start(new EmulatedRoadData(EMULATOR_SEED), emulatorKey, emulatorKey,
                        Clock.systemUTC(), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the road API emulator", e);
            }
        }
    }

    /** The job settings that point it at these APIs: base URLs and key variables (names only), or weather off. */
    Map<String, String> jobSettings() {
        Map<String, String> settings = new HashMap<>();
        if (emulated()) {
            if (emulator == null) {
                throw new IllegalStateException("start() first");
            }
            settings.put(RoadTrafficOptions.KEC_BASE_URL.key(), emulator.baseUrl());
            settings.put(RoadTrafficOptions.KMA_BASE_URL.key(), emulator.baseUrl() + RoadApiEmulator.KMA_SERVICE_PATH);
            settings.put(RoadTrafficOptions.KEC_KEY_ENV.key(), EMULATOR_KEY_VARIABLE);
            settings.put(RoadTrafficOptions.KMA_KEY_ENV.key(), EMULATOR_KEY_VARIABLE);
        } else if (!realWeather) {
            settings.put(RoadTrafficOptions.WEATHER_ENABLED.key(), "false");
        }
        return settings;
    }

    /** One line on what the job polls, naming key variables, never keys. */
    String description() {
        if (emulated()) {
            return "Polling the road API emulator at " + emulator.baseUrl() + " (generated toll-gate traffic and "
                    + "forecasts, seed " + EMULATOR_SEED + "; set " + RoadTrafficOptions.KEC_KEY_ENV.defaultValue()
                    + " and " + RoadTrafficOptions.KMA_KEY_ENV.defaultValue() + " to poll the real APIs).";
        }
        return "Polling the real KEC API (key from $" + RoadTrafficOptions.KEC_KEY_ENV.defaultValue() + ")"
                + (realWeather ? " and KMA API (key from $" + RoadTrafficOptions.KMA_KEY_ENV.defaultValue() + ")."
                        : "; weather is off: " + RoadTrafficOptions.KMA_KEY_ENV.defaultValue() + " is not set.");
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
