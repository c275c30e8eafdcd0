package io.github.flinklakehouse.deploy.stack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The checkpoints Flink retained on the stack's S3 store ({@code s3://<bucket>/checkpoints/<job id>/chk-<n>/_metadata},
 * see {@code FlinkConfigFiles.CHECKPOINT_RETENTION}), found through the S3 API: after a crash of the whole stack there
 * is no JobManager left to ask.
 */
public final class RetainedCheckpoints {
    /** {@code _metadata} is written last, once every task acknowledged: a folder without it is not a checkpoint. */
    private static final Pattern COMPLETED = Pattern.compile(".*/chk-(\\d+)/_metadata");

    private final StackEndpoints endpoints;

    public RetainedCheckpoints(StackEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** The folder of the job's latest completed checkpoint (what a job restores from), or empty when it has none. */
    public Optional<String> latest(String jobId) {
        try (S3Client s3 = BucketBootstrap.client(endpoints)) {
            return latestOf(keysOf(s3, jobPrefix(jobId))).map(folder -> "s3://" + endpoints.s3Bucket() + "/" + folder);
        }
    }

    /** The folder (key prefix without a trailing slash) of the highest-numbered completed checkpoint among the keys. */
    static Optional<String> latestOf(Collection<String> keys) {
        String latest = null;
        long latestNumber = -1;
        for (String key : keys) {
            Matcher matcher = COMPLETED.matcher(key);
            if (matcher.matches() && Long.parseLong(matcher.group(1)) > latestNumber) {
                latestNumber = Long.parseLong(matcher.group(1));
                latest = key.substring(0, key.length() - "/_metadata".length());
            }
        }
        return Optional.ofNullable(latest);
    }

    private static String jobPrefix(String jobId) {
        if (!jobId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("Not a Flink job id (32 hex digits): " + jobId);
        }
        return FlinkConfigFiles.CHECKPOINTS_FOLDER.substring(1) + "/" + jobId + "/";
    }

    private List<String> keysOf(S3Client s3, String prefix) {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(request -> request.bucket(endpoints.s3Bucket()).prefix(prefix)).contents()
                .stream().map(S3Object::key).forEach(keys::add);
        return keys;
    }
}
