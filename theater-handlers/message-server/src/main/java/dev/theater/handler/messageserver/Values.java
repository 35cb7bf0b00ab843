package dev.theater.handler.messageserver;

import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bool;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import java.util.List;
import java.util.Optional;

/** Reading the WIT values of the message-server interfaces. */
final class Values {

    private Values() {
    }

    static String string(List<WitValue> args, int index) {
        return ((Str) args.get(index)).value();
    }

    static byte[] bytes(List<WitValue> args, int index) {
        return ((Bytes) args.get(index)).value();
    }

    /** The only value of an export's {@code tuple<R>} result (a bare value is accepted as well). */
    static WitValue single(Optional<WitValue> result, String export) {
        WitValue value = result.orElseThrow(() -> new DeliveryException(export + " returned no result"));
        return value instanceof TupleValue tuple && tuple.elements().size() == 1 ? tuple.elements().getFirst() : value;
    }

    /** An {@code option<json>}. */
    static Optional<byte[]> optionalBytes(WitValue value) {
        return ((OptionValue) value).value().map(bytes -> ((Bytes) bytes).value());
    }

    /** A {@code channel-accept{accepted: bool, message: option<json>}}. */
    static ChannelAccept channelAccept(WitValue value) {
        List<WitValue> fields = ((RecordValue) value).fields();
        return new ChannelAccept(((Bool) fields.get(0)).value(), optionalBytes(fields.get(1)));
    }

    /**
     * An actor's answer to {@code handle-channel-open}.
     *
     * @param accepted whether the channel opens
     * @param message  a first message for the opener, delivered to its {@code handle-channel-message}
     */
    record ChannelAccept(boolean accepted, Optional<byte[]> message) {
    }
}
