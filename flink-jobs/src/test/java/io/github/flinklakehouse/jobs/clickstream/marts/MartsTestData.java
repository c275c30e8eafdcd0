package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.JsonEventEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events of the mart equality tests, in the order a producer would deliver them: generated dataset-shaped
 * events with the app-log events and fields (searches, favourites, devices, regions), shuffled within blocks of about five minutes (disorder inside the allowed lateness), every 10th with
 * an {@code event_id}, every 100th sent twice with the same id (a producer retry: counted once), and every
 * 250th sent twice without an id (two identical events: both count, as in the real dataset).
 *
 * @param events the delivered events in delivery order; position i is source offset i
 * @param retries how many deliveries are producer retries the job must drop
 */
public record MartsTestData(List<ClickEvent> events, int retries) {

    /** Generated sets by (seed, size): the MiniCluster runs in this JVM, so its source reads them from here. */
    private static final Map<String, MartsTestData> CACHE = new ConcurrentHashMap<>();

    static final Instant START = Instant.parse("2019-10-20T00:00:00Z");
    /** Mean gap of 2.5 s: one million events span about 29 days, across two months and five ISO weeks. */
    static final Duration MEAN_GAP = Duration.ofMillis(2_500);
    /** Events per shuffled block: about five minutes of event time. */
    static final int BLOCK = 120;

    /** The data set of {@code seed} and {@code generatedEvents}, generated once per JVM. */
    public static MartsTestData of(long seed, int generatedEvents) {
        return CACHE.computeIfAbsent(seed + "/" + generatedEvents, key -> generate(seed, generatedEvents));
    }

    private static MartsTestData generate(long seed, int generatedEvents) {
        Random random = new Random(seed);
        List<ClickEvent> delivered = new ArrayList<>(generatedEvents + generatedEvents / 50);
        List<ClickEvent> block = new ArrayList<>(BLOCK * 2);
        int retries = 0;
        int index = 0;
        for (ClickEvent event : (Iterable<ClickEvent>) ClickEventGenerator.stream(
                new GeneratorConfig(seed, START, generatedEvents, MEAN_GAP, 20_000, 5_000).withAppLog())::iterator) {
            ClickEvent withId = index % 10 == 0 ? withEventId(event, "ev-" + index) : event;
            block.add(withId);
            if (index % 100 == 0) {
                block.add(withId);
                retries++;
            } else if (index % 250 == 7) {
                block.add(withId);
            }
            index++;
            if (index % BLOCK == 0) {
                Collections.shuffle(block, random);
                delivered.addAll(block);
                block.clear();
            }
        }
        Collections.shuffle(block, random);
        delivered.addAll(block);
        return new MartsTestData(List.copyOf(delivered), retries);
    }

    /** The JSON payload the Kafka topic would carry at {@code position}. */
    public byte[] payload(long position) {
        return JsonEventEncoder.encode(events.get(Math.toIntExact(position)));
    }

    /** A Kafka timestamp later than every event, so none is in the future. */
    public Instant ingestedAt() {
        return events.stream().map(ClickEvent::eventTime).max(Instant::compareTo).orElse(START).plus(Duration.ofDays(1));
    }

    private static ClickEvent withEventId(ClickEvent e, String eventId) {
        return new ClickEvent(e.eventTime(), e.eventType(), e.productId(), e.categoryId(), e.categoryCode(), e.brand(),
                e.price(), e.userId(), e.userSession(), eventId, e.device(), e.country(), e.region(), e.searchQuery());
    }
}
