package io.github.flinklakehouse.jobs.clickstream.marts;

import java.util.List;

/**
 * One dashboard mart of the clickstream job: the operators that compute it and the table(s) it writes.
 *
 * <p>Each mart gives its operators stable uids {@code clickstream.<mart>.<stage>.v1}, and its sink the uid
 * {@code clickstream.<table>-sink.v1}, so a new version of the job restores from a savepoint.
 */
public interface ClickstreamMart {

    /** The tables this mart writes (created at job start). */
    List<MartTable<?>> tables();

    /** Adds the mart's operators and sinks after {@code inputs}. */
    void addTo(MartInputs inputs, MartSinks sinks);
}
