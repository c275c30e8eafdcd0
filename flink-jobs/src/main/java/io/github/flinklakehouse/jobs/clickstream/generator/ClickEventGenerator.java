package io.github.flinklakehouse.jobs.clickstream.generator;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Generates realistic clickstream events, deterministically for a given {@link GeneratorConfig}.
 *
 * <p>Shape follows the public e-commerce dataset: mostly views, about 2% carts and 1.7% purchases;
 * several sessions are open at once and interleave, each with several events of one user; product and
 * brand popularity is Zipf-like; about 30% of events lack a category code and 15% a brand; prices have
 * two decimals and are sometimes 0. Event times start at {@code start}, advance by exponential gaps with
 * the configured mean and are truncated to whole seconds. With {@link GeneratorConfig#appLog()}, {@link AppLogShape}
 * turns some views into searches and favourites and gives each session a device and region, leaving the rest as is.
 */
public final class ClickEventGenerator implements Iterator<ClickEvent> {

    private static final double PURCHASE_SHARE = 0.017;
    private static final double CART_SHARE = 0.020;
    private static final int OPEN_SESSIONS = 8;
    private static final int MEAN_SESSION_EVENTS = 7;

    private final GeneratorConfig config;
    private final SplittableRandom random;
    private final ProductCatalog catalog;
    private final ZipfSampler productPopularity;
    private final Session[] sessions = new Session[OPEN_SESSIONS];
    /** The app-log side, or {@code null} for the dataset's fields only. */
    private final AppLogShape appLog;
    private final long startMillis;
    private double clockMillis;
    private long produced;

    private static final class Session {
        final long userId;
        final String id;
        String device;
        String region;
        int remaining;
        int lastProduct = -1;

        Session(long userId, String id, int remaining) {
            this.userId = userId;
            this.id = id;
            this.remaining = remaining;
        }
    }

    public ClickEventGenerator(GeneratorConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        this.catalog = new ProductCatalog(config.products(), random.split());
        this.productPopularity = new ZipfSampler(config.products(), 0.9);
        this.startMillis = config.start().toEpochMilli();
        this.appLog = config.appLog() ? new AppLogShape(config.seed()) : null;
        for (int i = 0; i < OPEN_SESSIONS; i++) {
            sessions[i] = newSession();
        }
    }

    /** Returns the events of {@code config} as a (possibly infinite) sequential stream. */
    public static Stream<ClickEvent> stream(GeneratorConfig config) {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(new ClickEventGenerator(config), Spliterator.ORDERED), false);
    }

    @Override
    public boolean hasNext() {
        return config.unbounded() || produced < config.eventCount();
    }

    @Override
    public ClickEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("Generated all " + config.eventCount() + " events");
        }
        if (produced > 0) {
            // Exponential gap with the configured mean.
            clockMillis += -Math.log(1.0 - random.nextDouble()) * config.meanGap().toMillis();
        }
        Instant eventTime = Instant.ofEpochMilli(startMillis + (long) clockMillis).truncatedTo(ChronoUnit.SECONDS);
        int slot = random.nextInt(OPEN_SESSIONS);
        Session session = sessions[slot];
        EventType type = eventType();
        int productIndex = (type != EventType.VIEW && session.lastProduct >= 0 && random.nextDouble() < 0.7)
                ? session.lastProduct
                : productPopularity.sample(random);
        session.lastProduct = productIndex;
        if (--session.remaining <= 0) {
            sessions[slot] = newSession();
        }
        produced++;
        ProductCatalog.Product product = catalog.get(productIndex);
        if (appLog == null) {
            return new ClickEvent(eventTime, type, product.productId(), product.categoryId(), product.categoryCode(),
                    product.brand(), product.price(), session.userId, session.id, null);
        }
        String query = null;
        if (type == EventType.VIEW) {
            switch (appLog.viewOrAppEvent()) {
                case SEARCH -> {
                    type = EventType.SEARCH;
                    query = appLog.query();
                }
                case FAVORITE -> type = EventType.FAVORITE;
                case VIEW -> {
                }
            }
        }
        return new ClickEvent(eventTime, type, product.productId(), product.categoryId(), product.categoryCode(),
                product.brand(), product.price(), session.userId, session.id, null, session.device,
                session.region == null ? null : "KR", session.region, query);
    }

    private EventType eventType() {
        double draw = random.nextDouble();
        if (draw < PURCHASE_SHARE) {
            return EventType.PURCHASE;
        }
        return draw < PURCHASE_SHARE + CART_SHARE ? EventType.CART : EventType.VIEW;
    }

    private Session newSession() {
        long userId = 500_000_000L + random.nextInt(config.users());
        // Version-4 layout, like the dataset's session ids.
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        String id = new UUID(high, low).toString();
        int length = 1 + (int) (-Math.log(1.0 - random.nextDouble()) * (MEAN_SESSION_EVENTS - 1));
        Session session = new Session(userId, id, length);
        if (appLog != null) {
            session.device = appLog.device();
            session.region = appLog.region();
        }
        return session;
    }
}
