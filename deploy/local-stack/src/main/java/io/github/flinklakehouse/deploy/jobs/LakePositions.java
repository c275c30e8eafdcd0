package io.github.flinklakehouse.deploy.jobs;

import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.connectors.kafka.RawRecord;
import io.github.flinklakehouse.deploy.stack.IcebergCatalogBootstrap;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Where a job without state goes on reading a topic so that it appends nothing the lake already has: per partition,
 * the offset after the highest one {@code raw.clickstream_events} or {@code raw.rejected_events} holds for the topic
 * (every record the job read is in one of them, with its Kafka position). Reads only the position column of the
 * files that may hold the topic's records.
 */
public final class LakePositions {

    private LakePositions() {
    }

    /** The next offset per partition of {@code topic} after what the lake holds; empty when it holds none. */
    public static Map<Integer, Long> nextOffsets(StackEndpoints endpoints, String topic) {
        Map<Integer, Long> next = new TreeMap<>();
        try (JdbcCatalog catalog = new JdbcCatalog()) {
            catalog.initialize(IcebergCatalogBootstrap.CATALOG_NAME, IcebergCatalogBootstrap.catalogProperties(endpoints));
            for (TableIdentifier table : List.of(RawTables.CLICKSTREAM_EVENTS, RawTables.REJECTED_EVENTS)) {
                if (catalog.tableExists(table)) {
                    addNext(catalog, table, topic, next);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Kafka positions in the lake", e);
        }
        return next;
    }

    /** {@code partition:offset,...}, the form of {@code clickstream.kafka.starting-positions}. */
    public static String spec(Map<Integer, Long> offsets) {
        return offsets.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    private static void addNext(JdbcCatalog catalog, TableIdentifier table, String topic, Map<Integer, Long> next)
            throws IOException {
        String prefix = topic + "/";
        try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(table))
                .select("source", "source_position")
                .where(Expressions.and(Expressions.equal("source", RawRecord.SOURCE_KAFKA),
                        Expressions.startsWith("source_position", prefix)))
                .build()) {
            for (Record row : rows) {
                String position = (String) row.getField("source_position");
                if (!position.startsWith(prefix)) {
                    continue; // the scan filter prunes files, not necessarily every row
                }
                // topic/partition/offset; a topic name has no '/'
                String[] parts = position.substring(prefix.length()).split("/");
                if (parts.length == 2) {
                    next.merge(Integer.parseInt(parts[0]), Long.parseLong(parts[1]) + 1, Math::max);
                }
            }
        }
    }
}
