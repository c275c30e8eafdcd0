package io.github.flinklakehouse.jobs.backfill.files;

import io.github.flinklakehouse.jobs.clickstream.ProgressCounters;
import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.files.FileLine;
import io.github.flinklakehouse.jobs.clickstream.ClickEventParser;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ParseClickEvents;
import io.github.flinklakehouse.jobs.clickstream.ParseResult;
import io.github.flinklakehouse.jobs.clickstream.RejectMetrics;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses the data lines of dataset CSV files (or, {@link #jsonLines}, of JSON-lines files in the configured event
 * format) into click events; every line that fails becomes a dead letter.
 *
 * <p>The file counterpart of {@link ParseClickEvents}: the same {@link ClickEventParser} and validation, the same
 * side output, lineage {@code file} / {@code path:line}. The file's modification time stands in for the Kafka
 * timestamp as ingestion time, dead-letter time and reference of the event-time checks, so loading the same
 * file again yields identical rows and dead letters.
 *
 * <p>Two accumulators report progress to the client (REST {@code /jobs/:id/accumulators}, the web UI):
 * {@link #ROWS_READ} and {@link #BYTES_READ}. Byte progress is summed from each file's consumed-bytes counter,
 * so this operator must receive all lines of a file on one subtask: chain it to the file source (forward).
 */
public final class ParseCsvLines extends ProcessFunction<FileLine, IngestedClickEvent> {

    private static final long serialVersionUID = 1L;

    /** Side output of lines that could not be parsed: the same tag as the Kafka path's. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = ParseClickEvents.DEAD_LETTERS;

    /** Accumulator counting data lines read (parsed or dead-lettered). */
    public static final String ROWS_READ = ProgressCounters.ROWS_READ;
    /** Accumulator counting file bytes consumed (compressed bytes for compressed files). */
    public static final String BYTES_READ = ProgressCounters.BYTES_READ;
    /** Metric counting lines parsed into events. */
    public static final String METRIC_PARSED = ParseClickEvents.METRIC_PARSED;

    private final ClickEventParser parser;
    /** Whether each line is one JSON object (JSON lines) rather than one dataset CSV row. */
    private final boolean json;

    private transient RejectMetrics rejected;
    private transient Counter parsed;
    private transient LongCounter rowsRead;
    private transient LongCounter bytesRead;
    /** Bytes of each file already added to {@link #bytesRead}. */
    private transient Map<String, Long> consumedPerFile;

    public ParseCsvLines(EventValidation validation) {
        this(validation, false);
    }

    private ParseCsvLines(EventValidation validation, boolean json) {
        this.parser = new ClickEventParser(Objects.requireNonNull(validation, "validation"));
        this.json = json;
    }

    /** The parse step of JSON-lines files: each line one JSON object in {@link EventValidation#format()}. */
    public static ParseCsvLines jsonLines(EventValidation validation) {
        return new ParseCsvLines(validation, true);
    }

    @Override
    public void open(OpenContext openContext) {
        rejected = RejectMetrics.register(getRuntimeContext().getMetricGroup());
        parsed = getRuntimeContext().getMetricGroup().counter(METRIC_PARSED);
        rowsRead = new LongCounter();
        bytesRead = new LongCounter();
        getRuntimeContext().addAccumulator(ROWS_READ, rowsRead);
        getRuntimeContext().addAccumulator(BYTES_READ, bytesRead);
        consumedPerFile = new HashMap<>();
    }

    @Override
    public void processElement(FileLine line, Context context, Collector<IngestedClickEvent> out) {
        countProgress(line);
        Instant ingestedAt = Instant.ofEpochMilli(line.modificationTime());
        String position = line.sourcePosition();
        ParseResult result = json
                ? parser.parseJson(line.line(), ingestedAt)
                : parser.parseCsvRow(line.line(), ingestedAt);
        if (result instanceof ParseResult.Valid valid) {
            parsed.inc();
            out.collect(new IngestedClickEvent(valid.event(), FileLine.SOURCE_FILE, position, ingestedAt));
        } else if (result instanceof ParseResult.Invalid invalid) {
            rejected.count(invalid.reason());
            context.output(DEAD_LETTERS, new DeadLetter(invalid.reason().name(), invalid.message(), line.line(),
                    FileLine.SOURCE_FILE, position, ingestedAt));
        }
    }

    private void countProgress(FileLine line) {
        rowsRead.add(1L);
        long consumed = line.bytesConsumed();
        Long before = consumedPerFile.put(line.path(), consumed);
        long delta = consumed - (before == null ? 0L : before);
        if (delta > 0) {
            bytesRead.add(delta);
        }
    }
}
