package io.github.flinklakehouse.deploy.stack;

/**
 * How clients reach a running local stack; {@link #toString()} never shows the secrets.
 *
 * <p>{@code dbUser} is the pipeline's role (owns the marts and the Iceberg catalog tables); {@code biUser} is the
 * read-only role for dashboards and {@code lakehouse query}: SELECT on schema {@code marts}, nothing else.
 */
public record StackEndpoints(
        String kafkaBootstrapServers,
        String s3Endpoint,
        String s3Bucket,
        String s3AccessKey,
        String s3SecretKey,
        String s3Region,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        String biUser,
        String biPassword,
        String flinkRestUrl) {

    /** The Iceberg warehouse location: {@code s3://<bucket>/warehouse}. */
    public String warehouse() {
        return "s3://" + s3Bucket + "/warehouse";
    }

    @Override
    public String toString() {
        return "StackEndpoints[kafkaBootstrapServers=" + kafkaBootstrapServers + ", s3Endpoint=" + s3Endpoint
                + ", s3Bucket=" + s3Bucket + ", s3AccessKey=" + s3AccessKey + ", s3SecretKey=****, s3Region="
                + s3Region + ", jdbcUrl=" + jdbcUrl + ", dbUser=" + dbUser + ", dbPassword=****, biUser=" + biUser
                + ", biPassword=****, flinkRestUrl=" + flinkRestUrl + "]";
    }
}
