package io.github.flinklakehouse.connectors.http;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Sends the records of the HTTP polling source downstream and its dead letters to {@link #DEAD_LETTERS}. */
public final class DeadLetterSplitter extends ProcessFunction<HttpPollResult, HttpRecord> {

    private static final long serialVersionUID = 1L;

    /** Side output carrying every dead letter of the source. */
    public static final OutputTag<HttpDeadLetter> DEAD_LETTERS =
            new OutputTag<>("http-dead-letters", TypeInformation.of(HttpDeadLetter.class));

    @Override
    public void processElement(HttpPollResult value, Context ctx, Collector<HttpRecord> out) {
        if (value.isRecord()) {
            out.collect(value.record());
        } else {
            ctx.output(DEAD_LETTERS, value.deadLetter());
        }
    }
}
