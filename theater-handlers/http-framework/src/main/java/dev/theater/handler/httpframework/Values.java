package dev.theater.handler.httpframework;

import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bool;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import dev.theater.api.wit.WitValue.U16;
import dev.theater.api.wit.WitValue.U64;
import dev.theater.api.wit.WitValue.VariantValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The http-types and websocket-types records, between their WIT values and the Java the handler works with. */
final class Values {

    private Values() {
    }

    record Header(String name, String value) {}

    /** {@code record http-request { method, uri, headers, body }}. */
    record Request(String method, String uri, List<Header> headers, Optional<byte[]> body) {

        WitValue toWit() {
            return RecordValue.of(new Str(method), new Str(uri), headersToWit(headers),
                    body.<WitValue>map(b -> OptionValue.some(new Bytes(b))).orElse(OptionValue.none()));
        }

        static Request fromWit(WitValue value) {
            List<WitValue> f = ((RecordValue) value).fields();
            return new Request(str(f.get(0)), str(f.get(1)), headersFromWit(f.get(2)), bytes(f.get(3)));
        }

        /** The path part of the uri (before {@code ?} or {@code #}). */
        String path() {
            int end = uri.length();
            for (char c : new char[] {'?', '#'}) {
                int i = uri.indexOf(c);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            return uri.substring(0, end);
        }

        Request withHeaders(List<Header> newHeaders) {
            return new Request(method, uri, newHeaders, body);
        }
    }

    /** {@code record http-response { status, headers, body }}. */
    record Response(int status, List<Header> headers, Optional<byte[]> body) {

        static Response fromWit(WitValue value) {
            List<WitValue> f = ((RecordValue) value).fields();
            return new Response(((U16) f.get(0)).value(), headersFromWit(f.get(1)), bytes(f.get(2)));
        }
    }

    /** The cases of {@code variant message-type}, in WIT order. */
    enum MessageType { TEXT, BINARY, CONNECT, CLOSE, PING, PONG, OTHER }

    /** {@code record websocket-message { ty, data, text }}; {@code other} is the name of an {@code other(name)}. */
    record Message(MessageType type, Optional<String> other, Optional<byte[]> data, Optional<String> text) {

        static Message text(String text) {
            return new Message(MessageType.TEXT, Optional.empty(), Optional.empty(), Optional.of(text));
        }

        static Message binary(byte[] data) {
            return new Message(MessageType.BINARY, Optional.empty(), Optional.of(data), Optional.empty());
        }

        WitValue toWit() {
            return RecordValue.of(new VariantValue(type.ordinal(), other.map(Str::new)),
                    data.<WitValue>map(b -> OptionValue.some(new Bytes(b))).orElse(OptionValue.none()),
                    text.<WitValue>map(t -> OptionValue.some(new Str(t))).orElse(OptionValue.none()));
        }

        static Message fromWit(WitValue value) {
            List<WitValue> f = ((RecordValue) value).fields();
            VariantValue ty = (VariantValue) f.get(0);
            MessageType type = MessageType.values()[ty.caseIndex()];
            return new Message(type, ty.payload().map(Values::str), bytes(f.get(1)),
                    ((OptionValue) f.get(2)).value().map(Values::str));
        }

        String describe() {
            return type.name().toLowerCase(java.util.Locale.ROOT) + other.map(o -> "(" + o + ")").orElse("");
        }
    }

    /** {@code record server-info}. */
    static WitValue serverInfo(long id, int port, String host, boolean running, long routes, long middleware,
                               boolean websocket) {
        return RecordValue.of(new U64(id), new U16(port), new Str(host), new Bool(running), new WitValue.U32(routes),
                new WitValue.U32(middleware), new Bool(websocket));
    }

    static TupleValue params(WitValue... values) {
        return TupleValue.of(values);
    }

    static WitValue headersToWit(List<Header> headers) {
        List<WitValue> out = new ArrayList<>(headers.size());
        for (Header h : headers) {
            out.add(TupleValue.of(new Str(h.name()), new Str(h.value())));
        }
        return new ListValue(out);
    }

    static List<Header> headersFromWit(WitValue value) {
        List<WitValue> list = ((ListValue) value).elements();
        List<Header> out = new ArrayList<>(list.size());
        for (WitValue v : list) {
            List<WitValue> pair = ((TupleValue) v).elements();
            out.add(new Header(str(pair.get(0)), str(pair.get(1))));
        }
        return out;
    }

    static String str(WitValue v) {
        return ((Str) v).value();
    }

    static long u64(WitValue v) {
        return ((U64) v).value();
    }

    static Optional<byte[]> bytes(WitValue v) {
        return ((OptionValue) v).value().map(b -> ((Bytes) b).value());
    }

    static Optional<WitValue> option(WitValue v) {
        return ((OptionValue) v).value();
    }
}
