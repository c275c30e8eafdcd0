package io.github.flinklakehouse.jobs.lake;

import io.github.flinklakehouse.jobs.SinkBinding;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

/**
 * Writes with {@code target} only the records whose source position the target table does not hold yet
 * ({@link SkipKnownPositions}): a bounded job that re-reads records the live job may already have written (a Kafka
 * backfill with {@code --backfill.write-lake true}) appends each record once, however often it runs. Costs a
 * shuffle of the records by position and a read of the table's positions, so only jobs that need it use it.
 */
public final class NewPositionsOnly<T> implements SinkBinding<T> {

    private final SinkBinding<T> target;
    private final KeySelector<T, String> positionKey;
    private final Source<String, ?, ?> knownPositions;
    private final String table;
    private final String skippedAccumulator;

    /**
     * @param target the writer of the table
     * @param positionKey a record's {@link PositionKeyConverter#of position key}
     * @param knownPositions the position keys of every row of the table (bounded)
     * @param table the table's name, for operator names
     * @param skippedAccumulator the accumulator that counts the records not written again
     */
    public NewPositionsOnly(SinkBinding<T> target, KeySelector<T, String> positionKey,
            Source<String, ?, ?> knownPositions, String table, String skippedAccumulator) {
        this.target = Objects.requireNonNull(target, "target");
        this.positionKey = Objects.requireNonNull(positionKey, "positionKey");
        this.knownPositions = Objects.requireNonNull(knownPositions, "knownPositions");
        this.table = Objects.requireNonNull(table, "table");
        this.skippedAccumulator = Objects.requireNonNull(skippedAccumulator, "skippedAccumulator");
    }

    @Override
    public DataStreamSink<?> bind(DataStream<T> stream, String uid, String name) {
        DataStream<String> known = stream.getExecutionEnvironment()
                .fromSource(knownPositions, WatermarkStrategy.noWatermarks(), "Positions in " + table, Types.STRING)
                .uid(uid + ".known-positions");
        DataStream<T> fresh = stream
                .keyBy(positionKey, Types.STRING)
                .connect(known.keyBy(position -> position, Types.STRING))
                .process(new SkipKnownPositions<>(stream.getType(), skippedAccumulator), stream.getType())
                .uid(uid + ".skip-known-positions")
                .name("Skip positions already in " + table);
        return target.bind(fresh, uid, name);
    }
}
