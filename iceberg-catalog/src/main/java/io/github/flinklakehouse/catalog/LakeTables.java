package io.github.flinklakehouse.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates namespaces and tables that are absent and leaves existing ones untouched (idempotent).
 *
 * <p>Two jobs starting at once may race to create the same table; the loser treats "already exists" as
 * success. Schema evolution is additive only: optional columns that the definition has and an existing table
 * lacks are added (old rows read them as null). Any other difference (a missing required column, another
 * type, an unknown column) is reported, never silently changed.
 */
public final class LakeTables {

    private static final Logger LOG = LoggerFactory.getLogger(LakeTables.class);

    private LakeTables() {
    }

    /** Ensures every table of {@link RawTables#ALL} exists; returns the names of the tables it created. */
    public static List<String> ensureRawTables(Catalog catalog) {
        return ensure(catalog, RawTables.ALL);
    }

    /**
     * Ensures every given table (and its namespace) exists and has every column of its definition, adding
     * missing optional columns to existing tables; returns the names of the tables it created.
     */
    public static List<String> ensure(Catalog catalog, Collection<TableDefinition> definitions) {
        List<String> created = new ArrayList<>();
        for (TableDefinition definition : definitions) {
            ensureNamespace(catalog, definition);
            if (catalog.tableExists(definition.identifier())) {
                Table table = catalog.loadTable(definition.identifier());
                evolveSchema(table, definition);
                ensureMaintenanceProperties(table, definition);
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

    /** Sets the definition's maintenance properties an existing table lacks or has with another value. */
    private static void ensureMaintenanceProperties(Table table, TableDefinition definition) {
        Map<String, String> wanted = definition.maintenanceProperties();
        Map<String, String> current = table.properties();
        if (wanted.entrySet().stream().allMatch(entry -> entry.getValue().equals(current.get(entry.getKey())))) {
            return;
        }
        UpdateProperties update = table.updateProperties();
        wanted.forEach(update::set);
        try {
            update.commit();
            LOG.info("Set maintenance properties {} on Iceberg table {}", wanted, definition.identifier());
        } catch (CommitFailedException raced) {
            // Another job starting at the same time set them first; setting the same values again is all it could do.
            LOG.info("Maintenance properties of Iceberg table {} were set concurrently", definition.identifier());
        }
    }

    /** Adds the definition's optional columns that {@code table} lacks; fails on any other difference. */
    private static void evolveSchema(Table table, TableDefinition definition) {
        List<Types.NestedField> missing = missingOptionalColumns(table.schema(), definition);
        if (!missing.isEmpty()) {
            UpdateSchema update = table.updateSchema();
            missing.forEach(column -> update.addColumn(column.name(), column.type(), column.doc()));
            try {
                update.commit();
                LOG.info("Added optional columns {} to Iceberg table {}", names(missing), definition.identifier());
            } catch (CommitFailedException | IllegalArgumentException raced) {
                // Another job may have added the same columns first; only a still-missing column is an error.
                table.refresh();
                if (!missingOptionalColumns(table.schema(), definition).isEmpty()) {
                    throw raced;
                }
                LOG.info("Optional columns of Iceberg table {} were added concurrently", definition.identifier());
            }
        }
        if (!sameColumns(table.schema(), definition.schema())) {
            throw differentSchema(table, definition, "the columns differ in name, type, optionality or order");
        }
    }

    private static List<Types.NestedField> missingOptionalColumns(Schema current, TableDefinition definition) {
        List<Types.NestedField> missing = new ArrayList<>();
        for (Types.NestedField wanted : definition.schema().columns()) {
            Types.NestedField existing = current.findField(wanted.name());
            if (existing == null && wanted.isRequired()) {
                throw differentSchema(current, definition, "required column " + wanted.name()
                        + " is missing (rows already written have no value for it; add it as optional)");
            }
            if (existing == null) {
                missing.add(wanted);
            } else if (!existing.type().equals(wanted.type()) || existing.isOptional() != wanted.isOptional()) {
                throw differentSchema(current, definition, "column " + wanted.name() + " is " + describe(existing)
                        + " but should be " + describe(wanted));
            }
        }
        for (Types.NestedField existing : current.columns()) {
            if (definition.schema().findField(existing.name()) == null) {
                throw differentSchema(current, definition, "column " + existing.name() + " is not in the definition");
            }
        }
        return missing;
    }

    /** Field ids may differ (Iceberg assigns them on evolution); writers match columns by position and type. */
    private static boolean sameColumns(Schema actual, Schema expected) {
        List<Types.NestedField> a = actual.columns();
        List<Types.NestedField> b = expected.columns();
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equals(b.get(i).name()) || !a.get(i).type().equals(b.get(i).type())
                    || a.get(i).isOptional() != b.get(i).isOptional()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Types.NestedField field) {
        return (field.isOptional() ? "optional " : "required ") + field.type();
    }

    private static String names(List<Types.NestedField> columns) {
        return columns.stream().map(Types.NestedField::name).collect(Collectors.joining(", "));
    }

    private static IllegalStateException differentSchema(Table table, TableDefinition definition, String what) {
        return differentSchema(table.schema(), definition, what);
    }

    private static IllegalStateException differentSchema(Schema current, TableDefinition definition, String what) {
        return new IllegalStateException("Iceberg table " + definition.identifier()
                + " exists with a different schema (" + what + "); evolve it explicitly. Expected "
                + definition.schema() + " but found " + current);
    }
}
