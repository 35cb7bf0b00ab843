package dev.theater.core.engine;

import dev.theater.core.WasmTrapException;
import java.time.Duration;

/** A guest export at the core level. */
public interface CoreFunction {

    String name();

    CoreSignature signature();

    /**
     * Calls the export with flat arguments.
     *
     * @throws WasmTrapException        if the guest traps
     * @throws WasmInterruptedException if the calling thread is interrupted meanwhile
     */
    long[] call(long... args);

    /** Calls the export, interrupting it if it runs longer than {@code timeout}. */
    default long[] callWithin(Duration timeout, long... args) {
        try (CallDeadline deadline = CallDeadline.start(timeout)) {
            try {
                return call(args);
            } catch (WasmInterruptedException e) {
                if (deadline.expired()) {
                    throw new WasmTimeoutException("export '" + name() + "' exceeded its deadline of "
                            + timeout.toMillis() + " ms and was stopped", timeout, e);
                }
                throw e;
            }
        }
    }
}
