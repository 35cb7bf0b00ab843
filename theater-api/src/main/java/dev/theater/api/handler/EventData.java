package dev.theater.api.handler;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The data of an event a handler records in its actor's chain ({@link ActorHandle#record}): named, WIT-typed
 * fields. The runtime writes them as one JSON object with the same writer it uses for host calls and export
 * calls, so a value is the same bytes in the chain whoever records it (theater-chain's README gives the JSON form
 * of every WIT type).
 *
 * <pre>{@code
 * actor.record("message-server/received",
 *         EventData.builder().string("kind", "send").string("from", sender).u64("size", bytes.length).build(),
 *         "send from '" + sender + "'");
 * }</pre>
 *
 * @param type  the record type of the fields, named {@code event-data}
 * @param value the field values, in the type's field order
 */
public record EventData(WitType.Record type, WitValue.RecordValue value) {

    private static final EventData EMPTY = new EventData(new WitType.Record("event-data", List.of()),
            new WitValue.RecordValue(List.of()));

    public EventData {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (type.fields().size() != value.fields().size()) {
            throw new IllegalArgumentException("event data has " + type.fields().size() + " field types but "
                    + value.fields().size() + " values");
        }
    }

    /** No fields: written as {@code {}}. */
    public static EventData empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adds fields in the order they are written. */
    public static final class Builder {
        private final List<WitType.Field> fields = new ArrayList<>();
        private final List<WitValue> values = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder() {
        }

        public Builder string(String name, String value) {
            return value(name, WitType.Primitive.STRING, new WitValue.Str(value));
        }

        /** A signed 64-bit integer, written as a JSON number. */
        public Builder s64(String name, long value) {
            return value(name, WitType.Primitive.S64, new WitValue.S64(value));
        }

        /** An unsigned 64-bit integer (the bits of {@code value}), written as a JSON number. */
        public Builder u64(String name, long value) {
            return value(name, WitType.Primitive.U64, new WitValue.U64(value));
        }

        public Builder bool(String name, boolean value) {
            return value(name, WitType.Primitive.BOOL, new WitValue.Bool(value));
        }

        /** A {@code list<u8>}: its text when it is UTF-8 (a JSON message stays readable), else base64. */
        public Builder bytes(String name, byte[] value) {
            return value(name, new WitType.ListOf(WitType.Primitive.U8), new WitValue.Bytes(value.clone()));
        }

        /** An {@code option<string>}: {@code null} when empty. */
        public Builder optionalString(String name, Optional<String> value) {
            return value(name, new WitType.OptionOf(WitType.Primitive.STRING),
                    new WitValue.OptionValue(value.map(WitValue.Str::new)));
        }

        /** Any WIT value with its type (a record's field names come from the type). */
        public Builder value(String name, WitType type, WitValue value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
            if (!names.add(name)) {
                throw new IllegalArgumentException("event data field '" + name + "' is given twice");
            }
            fields.add(new WitType.Field(name, type));
            values.add(value);
            return this;
        }

        public EventData build() {
            return new EventData(new WitType.Record("event-data", fields), new WitValue.RecordValue(values));
        }
    }
}
