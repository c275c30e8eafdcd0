package io.github.flinklakehouse.deploy.stack;

import java.time.Duration;

/** One started process of the stack, which the stack stops on close or when a start fails. */
interface RunningService {

    StackService service();

    /** Stops the service, waiting at most {@code deadline} before killing it, and removes its pid file. */
    void stop(Duration deadline);
}
