package io.github.flinklakehouse.deploy.stack;

/** The local stack could not start; by the time this is thrown, everything already started is stopped. */
public final class StackStartException extends RuntimeException {

    public StackStartException(String message) {
        super(message);
    }

    public StackStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
