package io.github.flinklakehouse.deploy.savepoint;

import io.github.flinklakehouse.deploy.stack.BucketBootstrap;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.s3.S3Client;

/** Copies a savepoint's {@code _metadata} (which lists its operators) from the S3 store to a local file. */
public final class SavepointMetadataFile {
    private static final String METADATA = "_metadata";

    private SavepointMetadataFile() {
    }

    /** Downloads {@code <savepoint>/_metadata} of an {@code s3://bucket/path} or local savepoint into {@code target}. */
    public static Path download(StackEndpoints endpoints, String savepointPath, Path target) throws IOException {
        URI location = URI.create(savepointPath.endsWith("/") ? savepointPath : savepointPath + "/");
        if ("file".equals(location.getScheme()) || location.getScheme() == null) {
            return Files.copy(Path.of(location.getPath(), METADATA), target);
        }
        if (!location.getScheme().startsWith("s3")) {
            throw new IllegalArgumentException("Savepoint " + savepointPath + " is neither on S3 nor local");
        }
        String key = location.getPath().replaceFirst("^/", "") + METADATA;
        try (S3Client s3 = BucketBootstrap.client(endpoints)) {
            Files.write(target, s3.getObjectAsBytes(request -> request.bucket(location.getHost()).key(key)).asByteArray());
        }
        return target;
    }
}
