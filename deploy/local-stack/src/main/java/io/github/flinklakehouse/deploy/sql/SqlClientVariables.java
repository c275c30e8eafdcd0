package io.github.flinklakehouse.deploy.sql;

import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/** The values the SQL client's init script needs, taken from a running stack's endpoints. */
public final class SqlClientVariables {

    private SqlClientVariables() {
    }

    /** Placeholder values for {@code sql-client/src/main/sql/init.sql}; holds secrets, never print it. */
    public static Map<String, String> of(StackEndpoints endpoints) {
        URI database = URI.create(endpoints.jdbcUrl().substring("jdbc:".length()));
        Map<String, String> values = new TreeMap<>();
        values.put("JDBC_URL", endpoints.jdbcUrl());
        // Flink's JDBC catalog takes the server and the database separately.
        values.put("JDBC_BASE_URL", "jdbc:" + database.getScheme() + "://" + database.getAuthority());
        values.put("DB_NAME", database.getPath().replaceFirst("^/", ""));
        values.put("DB_USER", endpoints.dbUser());
        values.put("DB_PASSWORD", endpoints.dbPassword());
        values.put("WAREHOUSE", endpoints.warehouse());
        values.put("S3_ENDPOINT", endpoints.s3Endpoint());
        values.put("S3_ACCESS_KEY", endpoints.s3AccessKey());
        values.put("S3_SECRET_KEY", endpoints.s3SecretKey());
        values.put("S3_REGION", endpoints.s3Region());
        return values;
    }
}
