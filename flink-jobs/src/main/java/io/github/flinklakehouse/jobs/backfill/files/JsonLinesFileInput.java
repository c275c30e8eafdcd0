package io.github.flinklakehouse.jobs.backfill.files;

import io.github.flinklakehouse.connectors.files.FileLine;
import io.github.flinklakehouse.connectors.files.FileSelection;
import io.github.flinklakehouse.connectors.files.LineFileFormat;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamInput;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The clickstream backfill's input of JSON-lines files (application logs; plain or gzipped, local or
 * {@code s3://}): one JSON object per line, read in the configured event format ({@code clickstream.format.*}), the
 * same parser and dead letters as Kafka messages.
 *
 * <pre>
 *  FileSource (LineFileFormat, no header, one split per file)   uid clickstream.json-lines-source.v1
 *     │ FileLine (path, line number, raw bytes)
 *  ParseCsvLines.jsonLines (forward, chained) ──> dead letters: side output ParseCsvLines.DEAD_LETTERS
 *     │ IngestedClickEvent                                      uid clickstream.parse-json-lines.v1
 * </pre>
 */
public final class JsonLinesFileInput implements ClickstreamInput {

    public static final String SOURCE_UID = "clickstream.json-lines-source.v1";
    public static final String SOURCE_NAME = "Clickstream JSON-lines files";
    public static final String PARSE_UID = "clickstream.parse-json-lines.v1";
    public static final String PARSE_NAME = "Parse JSON lines";

    private final List<String> files;

    /** The input of {@code files}, as resolved by {@link FileSelection#resolve(String)}. */
    public JsonLinesFileInput(List<String> files) {
        this.files = List.copyOf(files);
    }

    /** Whether every file is a JSON-lines file by its name ({@code .jsonl}, {@code .ndjson}, optionally gzipped). */
    public static boolean allJsonLines(List<String> files) {
        return !files.isEmpty() && files.stream().map(f -> f.toLowerCase(Locale.ROOT))
                .allMatch(f -> f.endsWith(".jsonl") || f.endsWith(".ndjson") || f.endsWith(".jsonl.gz")
                        || f.endsWith(".ndjson.gz"));
    }

    @Override
    public ParsedInput addTo(StreamExecutionEnvironment env, EventValidation validation) {
        SingleOutputStreamOperator<IngestedClickEvent> parsed = env
                .fromSource(LineFileFormat.withoutHeader().source(files), WatermarkStrategy.noWatermarks(),
                        SOURCE_NAME, TypeInformation.of(FileLine.class))
                .uid(SOURCE_UID)
                .process(ParseCsvLines.jsonLines(validation), TypeInformation.of(IngestedClickEvent.class))
                .uid(PARSE_UID)
                .name(PARSE_NAME);
        return new ParsedInput(parsed, List.of(parsed.getSideOutput(ParseCsvLines.DEAD_LETTERS)));
    }
}
