package io.github.flinklakehouse.jobs.clickstream.generator;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.DatasetFields;
import io.github.flinklakehouse.jobs.clickstream.EventTimes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.zip.GZIPOutputStream;

/**
 * Writes click events as CSV in the exact format of the dataset files: its header, {@code \n} line ends,
 * {@code yyyy-MM-dd HH:mm:ss UTC} times, empty columns for absent values, and quotes only where needed.
 */
public final class CsvEventWriter implements AutoCloseable {

    private static final CsvMapper MAPPER = new CsvMapper()
            // Quote only values that contain a separator, quote or line break, like the dataset files.
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);

    private final Writer out;
    private final SequenceWriter rows;
    private long written;

    /** Writes to {@code out} (not closed until {@link #close()}), starting with the header line. */
    public CsvEventWriter(OutputStream out) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        this.out.write(DatasetFields.CSV_HEADER);
        this.out.write('\n');
        this.rows = MAPPER.writerFor(String[].class)
                .with(CsvSchema.emptySchema().withoutHeader().withLineSeparator("\n"))
                .writeValues(this.out);
    }

    /** Creates (or replaces) {@code file}; gzip-compresses when {@code gzip} is true (use a {@code .csv.gz} name). */
    public static CsvEventWriter create(Path file, boolean gzip) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        return new CsvEventWriter(gzip ? new GZIPOutputStream(stream, 64 * 1024) : stream);
    }

    /** Writes every remaining event of {@code events} to {@code file} and returns how many were written. */
    public static long writeAll(Path file, boolean gzip, Iterator<ClickEvent> events) throws IOException {
        try (CsvEventWriter writer = create(file, gzip)) {
            while (events.hasNext()) {
                writer.write(events.next());
            }
            return writer.written();
        }
    }

    /** Appends one row. */
    public void write(ClickEvent event) throws IOException {
        rows.write(new String[] {
            EventTimes.format(event.eventTime()),
            event.eventType().code(),
            Long.toString(event.productId()),
            Long.toString(event.categoryId()),
            nullToEmpty(event.categoryCode()),
            nullToEmpty(event.brand()),
            event.price().toPlainString(),
            Long.toString(event.userId()),
            event.userSession()
        });
        written++;
    }

    /** Returns the number of rows written so far (header excluded). */
    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        rows.close();
        out.close();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
