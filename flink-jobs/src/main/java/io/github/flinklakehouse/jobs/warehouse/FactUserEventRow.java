package io.github.flinklakehouse.jobs.warehouse;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One valid event in {@code fact_user_events}, keyed by its event id, so writing it again never doubles it.
 *
 * @param eventId the event's {@code event_id}, or {@code <source>:<position>} for an event without one
 * @param eventTime when it happened
 * @param eventType contract event type, e.g. {@code purchase}
 * @param userKey the {@code dim_user} version valid at {@code eventTime}
 * @param userId the natural user key
 * @param productKey the {@code dim_product} key
 * @param productId the natural product key
 * @param session the user session
 * @param quantity items the event is about, or {@code null} when the source does not say
 * @param revenue revenue the source reported, or {@code null}
 */
public record FactUserEventRow(String eventId, Instant eventTime, String eventType, long userKey, long userId,
        long productKey, long productId, String session, Integer quantity, BigDecimal revenue) {

    /** This fact with the user key of the version valid at its event time. */
    FactUserEventRow withUserKey(long key) {
        return new FactUserEventRow(eventId, eventTime, eventType, key, userId, productKey, productId, session,
                quantity, revenue);
    }
}
