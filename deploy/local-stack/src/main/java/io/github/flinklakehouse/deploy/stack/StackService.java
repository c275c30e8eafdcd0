package io.github.flinklakehouse.deploy.stack;

/** The services a local stack runs, each with the name used in logs, pid files and messages. */
public enum StackService {
    KAFKA("kafka"),
    S3("s3proxy"),
    POSTGRES("postgres"),
    FLINK_JOBMANAGER("flink-jobmanager"),
    FLINK_TASKMANAGER("flink-taskmanager");

    private final String serviceName;

    StackService(String serviceName) {
        this.serviceName = serviceName;
    }

    /** Name in logs, pid files ({@code <data>/run/<name>.pid}) and log files ({@code <data>/logs/<name>.log}). */
    public String serviceName() {
        return serviceName;
    }
}
