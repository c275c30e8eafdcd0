package io.github.flinklakehouse.deploy.savepoint;

/** A new job cannot take over a savepoint's state; the running job was left untouched. */
public final class IncompatibleSavepointException extends RuntimeException {
    public IncompatibleSavepointException(String message) {
        super(message);
    }
}
