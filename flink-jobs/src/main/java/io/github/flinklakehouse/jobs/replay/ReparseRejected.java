package io.github.flinklakehouse.jobs.replay;

import io.github.flinklakehouse.connectors.kafka.RawRecord;
import io.github.flinklakehouse.jobs.backfill.files.JsonLinesFileInput;
import io.github.flinklakehouse.jobs.clickstream.ClickEventParser;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ParseResult;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a rejected record through the clickstream job's own parser and validation again: JSON for Kafka
 * records, a dataset CSV row for file lines. Accepted events keep their original source, position and
 * receive time; records that still fail stay where they are in {@code raw.rejected_events} and are counted.
 *
 * <p>Counts go to the accumulators {@link #STILL_REJECTED}{@code <REASON>} (and {@link #ACCEPTED}, counted by
 * {@link SkipRepeatedEventIds} once the event is known not to be a producer retry), which the Flink web UI shows
 * and {@code lakehouse replay} prints.
 */
final class ReparseRejected extends ProcessFunction<ReplayCandidate, IngestedClickEvent> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReparseRejected.class);

    /** Accumulator of records that pass validation now. */
    static final String ACCEPTED = "replay.accepted";
    /** Prefix of the accumulators of records that still fail, one per reason. */
    static final String STILL_REJECTED = "replay.still-rejected.";

    private final ClickEventParser parser;

    ReparseRejected(EventValidation validation) {
        this.parser = new ClickEventParser(validation);
    }

    /** A line of a JSON-lines file (position {@code <path>:<line>}), read as JSON like the backfill read it. */
    private static boolean fromJsonLinesFile(ReplayCandidate candidate) {
        String position = candidate.sourcePosition();
        int colon = position.lastIndexOf(':');
        return colon > 0 && JsonLinesFileInput.allJsonLines(List.of(position.substring(0, colon)));
    }

    @Override
    public void processElement(ReplayCandidate candidate, Context context, Collector<IngestedClickEvent> out) {
        ParseResult result = RawRecord.SOURCE_KAFKA.equals(candidate.source()) || fromJsonLinesFile(candidate)
                ? parser.parseJson(candidate.payload(), candidate.seenAt())
                : parser.parseCsvRow(candidate.payload(), candidate.seenAt());
        if (result instanceof ParseResult.Valid valid) {
            out.collect(new IngestedClickEvent(valid.event(), candidate.source(), candidate.sourcePosition(),
                    candidate.seenAt()));
        } else if (result instanceof ParseResult.Invalid invalid) {
            getRuntimeContext().getLongCounter(STILL_REJECTED + invalid.reason().name()).add(1L);
            LOG.debug("Still rejected {} {}: {} {}", candidate.source(), candidate.sourcePosition(),
                    invalid.reason(), invalid.message());
        }
    }
}
