package io.github.flinklakehouse.jobs.clickstream;

/** The outcome of parsing one record: a valid event or a typed rejection. */
public sealed interface ParseResult {

    /** A record that parsed into a valid event. */
    record Valid(ClickEvent event) implements ParseResult {
    }

    /** A record that was rejected, with a reason code and a message naming the field at fault. */
    record Invalid(RejectReason reason, String message) implements ParseResult {
    }

    static ParseResult valid(ClickEvent event) {
        return new Valid(event);
    }

    static ParseResult invalid(RejectReason reason, String message) {
        return new Invalid(reason, message);
    }
}
