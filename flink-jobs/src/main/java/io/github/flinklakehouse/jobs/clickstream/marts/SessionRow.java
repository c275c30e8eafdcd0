package io.github.flinklakehouse.jobs.clickstream.marts;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One row of {@code marts.sessions}: absolute totals of one session (the dataset's {@code user_session}).
 *
 * @param userSession session id (primary key)
 * @param userId user of the session's earliest event (equal times: the smallest user id)
 * @param firstEventTime time of the session's earliest event
 * @param lastEventTime time of the session's latest event
 * @param events all events
 * @param uniqueProducts distinct products
 * @param views view events
 * @param carts cart events
 * @param purchases purchase events
 * @param revenue sum of what the purchases earned (revenue, else price × quantity)
 */
public record SessionRow(
        String userSession,
        long userId,
        Instant firstEventTime,
        Instant lastEventTime,
        long events,
        long uniqueProducts,
        long views,
        long carts,
        long purchases,
        BigDecimal revenue) {

    /** Whole seconds from the first to the last event ({@code duration_seconds} column). */
    public long durationSeconds() {
        return Duration.between(firstEventTime, lastEventTime).getSeconds();
    }

    /** Whether the session has a purchase ({@code converted} column). */
    public boolean converted() {
        return purchases > 0;
    }
}
