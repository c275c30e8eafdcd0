package io.github.flinklakehouse.jobs.clickstream.generator;

import java.util.SplittableRandom;

/**
 * The app-log side of generated events (a property-listing app: region searches, favourites, devices), drawn from a
 * random source of its own so that the dataset-shaped part of a seed's events (times, sessions, users, products,
 * carts and purchases) is the same with or without it.
 *
 * <ul>
 *   <li>Every session gets a device ({@code mobile} 55 %, {@code desktop} 30 %, {@code tablet} 10 %, none 5 %) and a
 *       region of country {@code KR} (eight regions, the first the busiest; none 5 %).</li>
 *   <li>Of the views, {@value #SEARCH_SHARE} become {@code search} events with a query and
 *       {@value #FAVORITE_SHARE} become {@code favorite} events of the same product; carts and purchases stay.</li>
 *   <li>Queries are drawn Zipf-like from {@link #QUERIES} and typed untidily: 20 % in title or upper case, 10 % with
 *       extra spaces around or between words; 5 % of searches have no query at all.</li>
 * </ul>
 */
final class AppLogShape {

    static final double SEARCH_SHARE = 0.06;
    static final double FAVORITE_SHARE = 0.03;

    static final String[] REGIONS = {"seoul", "gyeonggi", "busan", "incheon", "daegu", "daejeon", "gwangju", "jeju"};
    static final String[] QUERIES = {
        "apartment", "studio near station", "two bedroom apartment", "officetel", "house with garden",
        "pet friendly", "short term rent", "new build", "river view", "parking space", "near school",
        "furnished studio", "rooftop", "villa", "monthly rent", "jeonse", "shared house", "penthouse",
        "low deposit", "quiet neighbourhood"};

    private final SplittableRandom random;
    private final ZipfSampler regions = new ZipfSampler(REGIONS.length, 0.8);
    private final ZipfSampler queries = new ZipfSampler(QUERIES.length, 1.0);

    AppLogShape(long seed) {
        // Its own stream, never the dataset generator's.
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    String device() {
        double draw = random.nextDouble();
        return draw < 0.55 ? "mobile" : draw < 0.85 ? "desktop" : draw < 0.95 ? "tablet" : null;
    }

    String region() {
        return random.nextDouble() < 0.05 ? null : REGIONS[regions.sample(random)];
    }

    /** What a view becomes: a view, a search or a favourite. */
    Kind viewOrAppEvent() {
        double draw = random.nextDouble();
        return draw < SEARCH_SHARE ? Kind.SEARCH : draw < SEARCH_SHARE + FAVORITE_SHARE ? Kind.FAVORITE : Kind.VIEW;
    }

    /** A query as a user would type it, or {@code null} for a search without text. */
    String query() {
        if (random.nextDouble() < 0.05) {
            return null;
        }
        String query = QUERIES[queries.sample(random)];
        double style = random.nextDouble();
        if (style < 0.10) {
            query = query.toUpperCase(java.util.Locale.ROOT);
        } else if (style < 0.20) {
            query = Character.toUpperCase(query.charAt(0)) + query.substring(1);
        }
        if (random.nextDouble() < 0.10) {
            query = "  " + query.replace(" ", "   ") + " ";
        }
        return query;
    }

    enum Kind { VIEW, SEARCH, FAVORITE }
}
