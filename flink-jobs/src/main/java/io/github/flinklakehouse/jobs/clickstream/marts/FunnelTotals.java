package io.github.flinklakehouse.jobs.clickstream.marts;

/**
 * Session counts of one funnel key (day, category, brand), kept in keyed state (a Flink POJO, so no Kryo).
 *
 * <p>Each session of the key has a stage mask ({@link #VIEWED} | {@link #CARTED} | {@link #PURCHASED}) in map
 * state beside it; when a mask grows, the session's old contribution is taken out and its new one put in.
 */
public class FunnelTotals {

    static final int VIEWED = 1;
    static final int CARTED = 2;
    static final int PURCHASED = 4;

    public long sessionsViewed;
    public long sessionsCarted;
    public long sessionsPurchased;
    public long viewedAndCarted;
    public long cartedAndPurchased;
    public long viewedAndPurchased;

    public FunnelTotals() {
    }

    /** Moves one session from stage mask {@code before} (0 when new) to {@code after}. */
    void move(int before, int after) {
        count(before, -1);
        count(after, 1);
    }

    private void count(int mask, int sign) {
        boolean viewed = (mask & VIEWED) != 0;
        boolean carted = (mask & CARTED) != 0;
        boolean purchased = (mask & PURCHASED) != 0;
        sessionsViewed += viewed ? sign : 0;
        sessionsCarted += carted ? sign : 0;
        sessionsPurchased += purchased ? sign : 0;
        viewedAndCarted += viewed && carted ? sign : 0;
        cartedAndPurchased += carted && purchased ? sign : 0;
        viewedAndPurchased += viewed && purchased ? sign : 0;
    }
}
