package dev.theater.core.engine;

import java.time.Duration;

/** A guest call ran past its deadline and was stopped. */
public class WasmTimeoutException extends WasmInterruptedException {

    private final Duration deadline;

    public WasmTimeoutException(String message, Duration deadline, Throwable cause) {
        super(message, cause);
        this.deadline = deadline;
    }

    public Duration deadline() {
        return deadline;
    }
}
