package io.github.flinklakehouse.jobs.clickstream.marts;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What one subtask saw of one session between two flushes: the totals of its events and the first of them, so a
 * partial refused because its session is already final can be dead-lettered with an origin. It crosses the network
 * with a hand-written serializer ({@link SessionPartialSerializer}).
 */
@TypeInfo(SessionPartialSerializer.Factory.class)
public class SessionPartial {

    public SessionTotals totals = new SessionTotals();
    /** The first event added (its fields and lineage name the partial in a dead letter). */
    public ClickMartEvent first;

    public SessionPartial() {
    }

    void add(ClickMartEvent event) {
        if (first == null) {
            // Kept beyond the call: a copy, so object reuse upstream can never change it.
            first = ClickMartEventSerializer.INSTANCE.copy(event);
        }
        totals.add(event);
    }
}
