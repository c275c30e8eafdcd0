package io.github.flinklakehouse.connectors.http.source.reader;

import io.github.flinklakehouse.connectors.http.HttpPollResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;

/** Polls a source reader the way a task does, until a condition holds or a deadline passes. */
final class ReaderDriver {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private ReaderDriver() {}

    /** Polls until the reader reports end of input; returns everything emitted. */
    static List<HttpPollResult> pollToEnd(SourceReader<HttpPollResult, ?> reader, TestingReaderOutput<HttpPollResult> out)
            throws Exception {
        pollUntil(reader, out, Integer.MAX_VALUE);
        return out.getEmittedRecords();
    }

    /** Polls until {@code count} elements were emitted (or end of input). */
    static void pollUntil(SourceReader<HttpPollResult, ?> reader, TestingReaderOutput<HttpPollResult> out, int count)
            throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (out.getEmittedRecords().size() < count) {
            InputStatus status = reader.pollNext(out);
            if (status == InputStatus.END_OF_INPUT) {
                return;
            }
            if (status == InputStatus.NOTHING_AVAILABLE) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("reader did not finish within " + DEADLINE);
                }
                reader.isAvailable().get(left, TimeUnit.NANOSECONDS);
            }
        }
    }
}
