package io.github.flinklakehouse.deploy.stack;

import java.util.List;

/** JVM options every Java 17 process of the stack needs; the same lists as the root pom's properties. */
public final class JvmOptions {

    /** {@code ${java.opens}}: without them Flink checkpoints fail in Kryo with InaccessibleObjectException. */
    public static final List<String> JAVA_17_OPENS = List.of(
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED");

    /** {@code ${aws.checksums}}: S3-compatible stores reject the AWS SDK's newer default checksums. */
    public static final List<String> AWS_CHECKSUMS = List.of(
            "-Daws.requestChecksumCalculation=when_required",
            "-Daws.responseChecksumValidation=when_required");

    /**
     * Stack processes only (no test JVM writes checkpoints through S3A): flink-s3-fs-hadoop's AWS SDK (v1) reads
     * every checkpoint file a second time to send its MD5 with the upload, about a sixth of the TaskManager's CPU
     * in the streaming benchmark; the SigV4 signature (over plain HTTP) and TCP already guard the bytes.
     */
    public static final List<String> S3A_UPLOADS = List.of(
            "-Dcom.amazonaws.services.s3.disablePutObjectMD5Validation=true");

    private JvmOptions() {
    }
}
