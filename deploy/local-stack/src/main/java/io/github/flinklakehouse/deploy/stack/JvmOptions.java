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

    private JvmOptions() {
    }
}
