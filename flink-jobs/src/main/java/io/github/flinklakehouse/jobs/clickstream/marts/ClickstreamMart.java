package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * One dashboard mart of the clickstream job: the operators that compute it and the table(s) it writes.
 *
 * <p>Each mart gives its operators stable uids {@code clickstream.<mart>.<stage>.v1}, and its sink the uid
 * {@code clickstream.<table>-sink.v1}, so a new version of the job restores from a savepoint.
 */
public interface ClickstreamMart {

    /** The tables this mart writes (created at job start). */
    List<MartTable<?>> tables();

    /**
     * Adds the mart's operators and sinks after {@code inputs}.
     *
     * @return dead letters of events this mart could not count (the job writes them to the rejected table);
     *     usually none
     */
    List<DataStream<DeadLetter>> addTo(MartInputs inputs, MartSinks sinks);
}
