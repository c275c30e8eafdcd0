package io.github.flinklakehouse.jobs.warehouse;

/** A user's latest settled {@code dim_user} version, kept in state (a Flink POJO). */
public class UserVersion {

    public long validFrom;
    public String[] attributes;

    public UserVersion() {
    }

    UserVersion(long validFrom, String[] attributes) {
        this.validFrom = validFrom;
        this.attributes = attributes;
    }
}
