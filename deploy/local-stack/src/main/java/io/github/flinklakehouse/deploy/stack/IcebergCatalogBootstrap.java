package io.github.flinklakehouse.deploy.stack;

import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.jdbc.JdbcCatalog;

/** Lets Iceberg's own JdbcCatalog create its catalog tables in the stack's PostgreSQL. */
public final class IcebergCatalogBootstrap {
    /** The catalog name the stack registers; the tables Iceberg creates serve every catalog name. */
    public static final String CATALOG_NAME = "lakehouse";

    private IcebergCatalogBootstrap() {
    }

    /** JdbcCatalog properties for the stack: catalog in PostgreSQL, data files on the S3 store. */
    public static Map<String, String> catalogProperties(StackEndpoints endpoints) {
        Map<String, String> properties = new HashMap<>();
        properties.put("uri", endpoints.jdbcUrl());
        properties.put("jdbc.user", endpoints.dbUser());
        properties.put("jdbc.password", endpoints.dbPassword());
        properties.put("jdbc.schema-version", "V1");
        properties.put("warehouse", endpoints.warehouse());
        properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        properties.put("s3.endpoint", endpoints.s3Endpoint());
        properties.put("s3.path-style-access", "true");
        properties.put("s3.access-key-id", endpoints.s3AccessKey());
        properties.put("s3.secret-access-key", endpoints.s3SecretKey());
        properties.put("client.region", endpoints.s3Region());
        return properties;
    }

    /** Creates {@code iceberg_tables} and {@code iceberg_namespace_properties} when missing. */
    static void ensureCatalogTables(StackEndpoints endpoints) {
        Map<String, String> properties = catalogProperties(endpoints);
        properties.put("jdbc.init-catalog-tables", "true");
        try (JdbcCatalog catalog = new JdbcCatalog()) {
            catalog.initialize(CATALOG_NAME, properties);
        }
    }
}
