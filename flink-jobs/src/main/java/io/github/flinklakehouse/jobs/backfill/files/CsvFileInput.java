package io.github.flinklakehouse.jobs.backfill.files;

import io.github.flinklakehouse.connectors.files.FileLine;
import io.github.flinklakehouse.connectors.files.FileSelection;
import io.github.flinklakehouse.connectors.files.LineFileFormat;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamInput;
import io.github.flinklakehouse.jobs.clickstream.DatasetFields;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The clickstream backfill's file input: dataset CSV files (plain or gzipped, local or {@code s3://}) read as
 * lines and parsed into click events, with bad lines as dead letters.
 *
 * <pre>
 *  FileSource (LineFileFormat, one split per file)   uid clickstream.file-source.v1
 *     │ FileLine (path, line number, raw bytes)
 *  ParseCsvLines (forward, chained) ──────────────> dead letters: side output ParseCsvLines.DEAD_LETTERS
 *     │ IngestedClickEvent                          uid clickstream.parse-csv.v1
 * </pre>
 *
 * <p>Resolve the user's input with {@link FileSelection#resolve(String)} first, so a missing file fails before
 * the job is built; then pass {@link FileSelection#files()} here. A file whose first line is not the dataset
 * header, or that cannot be read to its end, fails the job with a message naming the file.
 */
public final class CsvFileInput implements ClickstreamInput {

    public static final String SOURCE_UID = "clickstream.file-source.v1";
    public static final String SOURCE_NAME = "Clickstream CSV files";
    public static final String PARSE_UID = "clickstream.parse-csv.v1";
    public static final String PARSE_NAME = "Parse CSV lines";

    private final List<String> files;

    /** The input of {@code files}, as resolved by {@link FileSelection#resolve(String)}. */
    public CsvFileInput(List<String> files) {
        this.files = List.copyOf(files);
    }

    @Override
    public ParsedInput addTo(StreamExecutionEnvironment env, EventValidation validation) {
        SingleOutputStreamOperator<IngestedClickEvent> parsed = parsedEvents(env, files, validation);
        return new ParsedInput(parsed, List.of(parsed.getSideOutput(ParseCsvLines.DEAD_LETTERS)));
    }

    /** The dataset's nine CSV columns have no {@code event_id}: no event of a file is a producer retry. */
    @Override
    public boolean carriesEventIds() {
        return false;
    }

    /** A bounded source of the data lines of {@code files}, each file checked for the dataset header. */
    public static FileSource<FileLine> source(List<String> files) {
        return LineFileFormat.withHeader(DatasetFields.CSV_HEADER).source(files);
    }

    /**
     * Adds the source and the parse step to {@code env}; the dead letters are the result's side output
     * {@link ParseCsvLines#DEAD_LETTERS}. Event-time watermarks are the caller's (they follow the parse).
     */
    public static SingleOutputStreamOperator<IngestedClickEvent> parsedEvents(
            StreamExecutionEnvironment env, List<String> files, EventValidation validation) {
        return env.fromSource(source(files), WatermarkStrategy.noWatermarks(), SOURCE_NAME, TypeInformation.of(FileLine.class))
                .uid(SOURCE_UID)
                .process(new ParseCsvLines(validation), TypeInformation.of(IngestedClickEvent.class))
                .uid(PARSE_UID)
                .name(PARSE_NAME);
    }
}
