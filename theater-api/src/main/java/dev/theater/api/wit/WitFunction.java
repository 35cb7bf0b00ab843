package dev.theater.api.wit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A WIT function: {@code name: func(params) -> result}.
 *
 * @param name   the WIT name, e.g. {@code handle-send}
 * @param params named parameters in order
 * @param result the single result type, empty for a function returning nothing
 * @param docs   the doc comment, empty if none
 */
public record WitFunction(String name, List<Param> params, Optional<WitType> result, String docs) {

    public WitFunction {
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(docs, "docs");
    }

    /** A named parameter. */
    public record Param(String name, WitType type) {
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** The signature as written in WIT, e.g. {@code func(msg: string) -> result<_, string>}. */
    public String signature() {
        StringBuilder sb = new StringBuilder("func(");
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(params.get(i).name()).append(": ").append(params.get(i).type().wit());
        }
        sb.append(')');
        result.ifPresent(r -> sb.append(" -> ").append(r.wit()));
        return sb.toString();
    }
}
