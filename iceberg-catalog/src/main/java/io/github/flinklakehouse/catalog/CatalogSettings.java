package io.github.flinklakehouse.catalog;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;

/**
 * Everything needed to reach the lake: an Iceberg JDBC catalog in PostgreSQL over files in an S3 bucket.
 *
 * <p>Secrets ({@code jdbcPassword}, {@code s3SecretKey}) are redacted in {@link #toString()}.
 *
 * @param catalogName name the catalog is registered under (also the JDBC catalog's {@code catalog_name})
 * @param jdbcUrl JDBC URL of the PostgreSQL database holding the catalog tables
 * @param jdbcUser database user
 * @param jdbcPassword database password
 * @param warehouse table root, {@code s3://bucket/path}
 * @param s3Endpoint S3 API endpoint, e.g. {@code http://localhost:9000}
 * @param s3AccessKey S3 access key id
 * @param s3SecretKey S3 secret access key
 * @param s3Region S3 region (S3-compatible stores accept any)
 * @param s3PathStyleAccess whether to address buckets by path (needed by most S3-compatible stores)
 */
public record CatalogSettings(
        String catalogName,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        String warehouse,
        String s3Endpoint,
        String s3AccessKey,
        String s3SecretKey,
        String s3Region,
        boolean s3PathStyleAccess) implements Serializable {

    /** Iceberg's JDBC catalog implementation. */
    public static final String JDBC_CATALOG_IMPL = "org.apache.iceberg.jdbc.JdbcCatalog";
    /** Iceberg's S3 file IO (AWS SDK v2 from iceberg-aws-bundle). */
    public static final String S3_FILE_IO_IMPL = "org.apache.iceberg.aws.s3.S3FileIO";

    public CatalogSettings {
        Objects.requireNonNull(catalogName, "catalogName");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(jdbcUser, "jdbcUser");
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
        Objects.requireNonNull(s3AccessKey, "s3AccessKey");
        Objects.requireNonNull(s3Region, "s3Region");
        jdbcPassword = jdbcPassword == null ? "" : jdbcPassword;
        s3SecretKey = s3SecretKey == null ? "" : s3SecretKey;
    }

    /** Returns the Iceberg catalog properties (the same keys a Flink SQL {@code CREATE CATALOG} takes). */
    public Map<String, String> catalogProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(CatalogProperties.CATALOG_IMPL, JDBC_CATALOG_IMPL);
        properties.put(CatalogProperties.URI, jdbcUrl);
        properties.put("jdbc.user", jdbcUser);
        properties.put("jdbc.password", jdbcPassword);
        // V1 adds view support; Iceberg logs a warning on every start without it.
        properties.put("jdbc.schema-version", "V1");
        properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
        properties.put(CatalogProperties.FILE_IO_IMPL, S3_FILE_IO_IMPL);
        properties.put("s3.endpoint", s3Endpoint);
        properties.put("s3.path-style-access", Boolean.toString(s3PathStyleAccess));
        properties.put("s3.access-key-id", s3AccessKey);
        properties.put("s3.secret-access-key", s3SecretKey);
        properties.put("client.region", s3Region);
        return properties;
    }

    /** Returns a serializable loader Flink operators use to open the catalog on task managers. */
    public CatalogLoader catalogLoader() {
        return CatalogLoader.custom(catalogName, catalogProperties(), new Configuration(), JDBC_CATALOG_IMPL);
    }

    /** Returns a serializable loader for one table of this catalog. */
    public TableLoader tableLoader(TableIdentifier table) {
        return TableLoader.fromCatalog(catalogLoader(), table);
    }

    @Override
    public String toString() {
        return "CatalogSettings[catalogName=" + catalogName + ", jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser
                + ", jdbcPassword=***, warehouse=" + warehouse + ", s3Endpoint=" + s3Endpoint
                + ", s3AccessKey=" + s3AccessKey + ", s3SecretKey=***, s3Region=" + s3Region
                + ", s3PathStyleAccess=" + s3PathStyleAccess + "]";
    }
}
