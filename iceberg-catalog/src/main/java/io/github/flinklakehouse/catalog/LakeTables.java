package io.github.flinklakehouse.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates namespaces and tables that are absent and leaves existing ones untouched (idempotent).
 *
 * <p>Two jobs starting at once may race to create the same table; the loser treats "already exists" as
 * success. An existing table whose schema differs is reported, never silently replaced.
 */
public final class LakeTables {

    private static final Logger LOG = LoggerFactory.getLogger(LakeTables.class);

    private LakeTables() {
    }

    /** Ensures every table of {@link RawTables#ALL} exists; returns the names of the tables it created. */
    public static List<String> ensureRawTables(Catalog catalog) {
        return ensure(catalog, RawTables.ALL);
    }

    /** Ensures every given table (and its namespace) exists; returns the names of the tables it created. */
    public static List<String> ensure(Catalog catalog, Collection<TableDefinition> definitions) {
        List<String> created = new ArrayList<>();
        for (TableDefinition definition : definitions) {
            ensureNamespace(catalog, definition);
            if (catalog.tableExists(definition.identifier())) {
                checkSchema(catalog.loadTable(definition.identifier()), definition);
                continue;
            }
            try {
                catalog.createTable(definition.identifier(), definition.schema(), definition.spec(),
                        definition.properties());
                created.add(definition.identifier().toString());
                LOG.info("Created Iceberg table {}", definition.identifier());
            } catch (AlreadyExistsException raced) {
                LOG.info("Iceberg table {} was created concurrently", definition.identifier());
            }
        }
        return created;
    }

    private static void ensureNamespace(Catalog catalog, TableDefinition definition) {
        if (!(catalog instanceof SupportsNamespaces namespaces)) {
            return;
        }
        if (!namespaces.namespaceExists(definition.identifier().namespace())) {
            try {
                namespaces.createNamespace(definition.identifier().namespace());
            } catch (AlreadyExistsException raced) {
                LOG.info("Namespace {} was created concurrently", definition.identifier().namespace());
            }
        }
    }

    private static void checkSchema(Table table, TableDefinition definition) {
        if (!table.schema().sameSchema(definition.schema())) {
            throw new IllegalStateException("Iceberg table " + definition.identifier()
                    + " exists with a different schema; evolve it explicitly. Expected " + definition.schema()
                    + " but found " + table.schema());
        }
    }
}
