package io.github.flinklakehouse.deploy.savepoint;

import io.github.flinklakehouse.deploy.stack.BucketBootstrap;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Copies a whole savepoint folder ({@code _metadata} and the state files beside it) between the stack's S3 store
 * and a local folder; Flink stores paths inside a savepoint relative to its folder, so the copy restores anywhere.
 */
final class SavepointFolder {

    private SavepointFolder() {
    }

    /** Downloads every object under {@code s3://bucket/path} into {@code target} and returns the file names. */
    static List<String> download(StackEndpoints stack, String savepointPath, Path target) throws IOException {
        URI location = URI.create(savepointPath.endsWith("/") ? savepointPath : savepointPath + "/");
        String prefix = location.getPath().replaceFirst("^/", "");
        List<String> names = new ArrayList<>();
        Files.createDirectories(target);
        try (S3Client s3 = BucketBootstrap.client(stack)) {
            for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(location.getHost()).prefix(prefix)).contents()) {
                if (object.key().endsWith("/")) {
                    continue; // a folder marker written by S3A, not a file of the savepoint
                }
                String name = object.key().substring(prefix.length());
                Path file = target.resolve(name);
                Files.createDirectories(file.getParent());
                Files.write(file, s3.getObjectAsBytes(r -> r.bucket(location.getHost()).key(object.key())).asByteArray());
                names.add(name);
            }
        }
        return names;
    }

    /** Uploads every file under {@code folder} to {@code s3://<bucket>/<prefix>/} and returns that savepoint path. */
    static String upload(StackEndpoints stack, Path folder, String prefix) throws IOException {
        try (S3Client s3 = BucketBootstrap.client(stack); Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = prefix + "/" + folder.relativize(file).toString().replace('\\', '/');
                s3.putObject(r -> r.bucket(stack.s3Bucket()).key(key), RequestBody.fromFile(file));
            }
        }
        return "s3://" + stack.s3Bucket() + "/" + prefix;
    }
}
