package dev.theater.core.abi.link;

import dev.theater.api.wit.WitValue;
import dev.theater.core.abi.AbiContext;
import dev.theater.core.abi.FunctionAbi;
import dev.theater.core.engine.CoreFunction;
import java.util.List;
import java.util.Optional;

/**
 * The call plan of one WIT export of one instance: everything resolved up front, so a call lowers the arguments,
 * calls the core function, lifts the result and runs {@code cabi_post_<export>} with no lookups. Not thread-safe.
 */
public final class WitExport {

    private final CoreFunction function;
    private final CoreFunction postReturn; // null when the guest exports none
    private final FunctionAbi abi;
    private final AbiContext cx;
    private final String site;

    WitExport(CoreFunction function, Optional<CoreFunction> postReturn, FunctionAbi abi, AbiContext cx, String site) {
        this.function = function;
        this.postReturn = postReturn.orElse(null);
        this.abi = abi;
        this.cx = cx;
        this.site = site;
    }

    /** The core export name, e.g. {@code theater:simple/message-server-client#handle-send}. */
    public String coreName() {
        return function.name();
    }

    public FunctionAbi abi() {
        return abi;
    }

    /** Calls the export; an empty result for a function without one. */
    public Optional<WitValue> call(List<WitValue> args) {
        String previous = cx.site(site);
        try {
            long[] results = function.call(abi.lowerArgs(cx, args));
            Optional<WitValue> result = abi.liftResult(cx, results);
            if (postReturn != null) {
                postReturn.call(results);
            }
            return result;
        } finally {
            cx.site(previous);
        }
    }

    public Optional<WitValue> call(WitValue... args) {
        return call(List.of(args));
    }
}
