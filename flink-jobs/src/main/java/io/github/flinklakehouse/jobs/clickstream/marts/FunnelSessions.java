package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.DistinctCount;
import io.github.flinklakehouse.jobs.marts.engine.DistinctOver;
import java.io.Serializable;

/**
 * The view → cart → purchase funnel of one aggregation, in distinct sessions: each view, cart or purchase sets its
 * stage's flag, a session's flags in a key are the OR over all its events of that key (the whole day, the whole
 * month), and each count takes the sessions whose flags include one stage or two. Shared by {@code funnel_daily} and
 * {@code funnel_monthly}, so both count by the same rule.
 */
final class FunnelSessions implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int VIEWED = 1;
    static final int CARTED = 2;
    static final int PURCHASED = 4;

    final DistinctCount viewed;
    final DistinctCount carted;
    final DistinctCount purchased;
    final DistinctCount viewedAndCarted;
    final DistinctCount cartedAndPurchased;
    final DistinctCount viewedAndPurchased;

    private FunnelSessions(DistinctOver<ClickMartEvent, String> sessions) {
        viewed = sessions.count("sessions_viewed", VIEWED);
        carted = sessions.count("sessions_carted", CARTED);
        purchased = sessions.count("sessions_purchased", PURCHASED);
        viewedAndCarted = sessions.count("viewed_and_carted", VIEWED | CARTED);
        cartedAndPurchased = sessions.count("carted_and_purchased", CARTED | PURCHASED);
        viewedAndPurchased = sessions.count("viewed_and_purchased", VIEWED | PURCHASED);
    }

    /** Declares the six counts on {@code funnel}, whose keys only events with a stage may have. */
    static FunnelSessions countedBy(Aggregation.Builder<ClickMartEvent, ?> funnel) {
        return new FunnelSessions(funnel.distinctOver(ClickDimensions.SESSION, event -> stageOf(event.eventType)));
    }

    /** The funnel flag of an event type; 0 for the types that are no funnel stage. */
    static int stageOf(EventType type) {
        return switch (type) {
            case VIEW -> VIEWED;
            case CART -> CARTED;
            case PURCHASE -> PURCHASED;
            default -> 0;
        };
    }
}
