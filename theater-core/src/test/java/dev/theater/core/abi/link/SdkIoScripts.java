package dev.theater.core.abi.link;

import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bool;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.S32;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import dev.theater.api.wit.WitValue.U16;
import dev.theater.api.wit.WitValue.U32;
import dev.theater.api.wit.WitValue.U64;
import dev.theater.api.wit.WitValue.VariantValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the sdk-io-probe guest sends to each host function and what the host answers (test-actors/README.md,
 * "sdk-io-probe"), in the guest's call order. The labels are the guest's: a mismatch it finds is logged under them.
 */
final class SdkIoScripts {

    /** One host call: the guest's label, the function, the arguments the host must receive, and its answer. */
    record Exchange(String label, String function, List<WitValue> args, WitValue reply) {
        Exchange withReply(WitValue other) {
            return new Exchange(label, function, args, other);
        }
    }

    static final long U64_MAX = -1L;

    private SdkIoScripts() {
    }

    static Exchange x(String label, String function, WitValue reply, WitValue... args) {
        return new Exchange(label, function, List.of(args), reply);
    }

    static Str s(String v) {
        return new Str(v);
    }

    static Bytes bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return new Bytes(b);
    }

    static ListValue strings(String... values) {
        return new ListValue(Arrays.stream(values).map(v -> (WitValue) new Str(v)).toList());
    }

    static ResultValue ok(WitValue v) {
        return ResultValue.ok(v);
    }

    static ResultValue ok() {
        return ResultValue.okEmpty();
    }

    static ResultValue err(String message) {
        return ResultValue.err(new Str(message));
    }

    static OptionValue some(WitValue v) {
        return OptionValue.some(v);
    }

    static OptionValue none() {
        return OptionValue.none();
    }

    /** list<tuple<string, string>> from name, value, name, value, ... */
    static ListValue headers(String... namesAndValues) {
        WitValue[] pairs = new WitValue[namesAndValues.length / 2];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = TupleValue.of(s(namesAndValues[2 * i]), s(namesAndValues[2 * i + 1]));
        }
        return new ListValue(List.of(pairs));
    }

    static RecordValue request(String method, String uri, ListValue headers, OptionValue body) {
        return RecordValue.of(s(method), s(uri), headers, body);
    }

    static RecordValue response(int status, ListValue headers, OptionValue body) {
        return RecordValue.of(new U16(status), headers, body);
    }

    /** websocket-message { ty: message-type (case, payload), data, text }. */
    static RecordValue message(int type, Optional<WitValue> other, OptionValue data, OptionValue text) {
        return RecordValue.of(new VariantValue(type, other), data, text);
    }

    static RecordValue message(int type) {
        return message(type, Optional.empty(), none(), none());
    }

    static RecordValue text(String text) {
        return message(0, Optional.empty(), none(), some(s(text)));
    }

    static RecordValue binary(Bytes data) {
        return message(1, Optional.empty(), some(data), none());
    }

    static RecordValue other(String name) {
        return message(6, Optional.of(s(name)), none(), none());
    }

    static U64 u64(long v) {
        return new U64(v);
    }

    static final List<Exchange> FILESYSTEM = List.of(
            x("F1", "read-file", ok(bytes(0x00, 0xff, 'h', 'i')), s("dir/ü.txt")),
            x("F2", "read-file", ok(bytes()), s("empty.bin")),
            x("F3", "read-file", err("no such file: missing"), s("missing")),
            x("F4", "write-file", ok(), s("out/ü.txt"), s("line ✓\n")),
            x("F5", "write-file", err("empty path"), s(""), s("")),
            x("F6", "list-files", ok(strings("a.txt", "", "ü")), s("dir")),
            x("F7", "list-files", ok(strings()), s("empty-dir")),
            x("F8", "list-files", err("not a folder: nope"), s("nope")),
            x("F9", "delete-file", ok(), s("dir/a.txt")),
            x("F10", "delete-file", err("no such file: nope"), s("nope")),
            x("F11", "create-dir", ok(), s("new/sub")),
            x("F12", "create-dir", err("outside the granted folder: ../up"), s("../up")),
            x("F13", "delete-dir", ok(), s("new")),
            x("F14", "delete-dir", err("no such folder: nope"), s("nope")),
            x("F15", "path-exists", ok(new Bool(true)), s("dir")),
            x("F16", "path-exists", ok(new Bool(false)), s("nope")),
            x("F17", "path-exists", err("outside the granted folder: ../x"), s("../x")),
            x("F18", "execute-command", ok(new VariantValue(0, Optional.of(RecordValue.of(s("a  b c\n"), s("warn ✓"), new S32(-1))))),
                    s("dir"), s("echo"), strings("a", "", "b c")),
            x("F19", "execute-command", ok(new VariantValue(1, Optional.of(RecordValue.of(s("not allowed: ls"))))),
                    s("."), s("ls"), strings()),
            x("F20", "execute-command", err("outside the granted folder: ../"), s("../"), s("rm"), strings("-rf")));

    static final List<Exchange> HTTP_CLIENT = List.of(
            x("C1", "send-http", ok(response(200, headers("content-type", "text/plain", "set-cookie", "a=1", "set-cookie", "b=2"),
                    some(Bytes.utf8("hello")))),
                    request("GET", "https://example.com/a?b=c", headers("accept", "*/*", "x-ü", "✓"), none())),
            x("C2", "send-http", ok(response(204, headers(), none())),
                    request("POST", "http://localhost:8080/items", headers(), some(bytes()))),
            x("C3", "send-http", err("invalid URI: x"), request("PUT", "x", headers("k", ""), some(bytes(0x00, 0xff, 0x7f)))),
            x("C4", "send-http", ok(response(65535, headers("", ""), some(bytes()))), request("", "", headers(), none())));

    static RecordValue serverInfo(long id, int port, String host, boolean running, long routes, long middleware, boolean ws) {
        return RecordValue.of(u64(id), new U16(port), s(host), new Bool(running), new U32(routes), new U32(middleware), new Bool(ws));
    }

    static RecordValue serverConfig(OptionValue port, OptionValue host, OptionValue tls) {
        return RecordValue.of(port, host, tls);
    }

    static final List<Exchange> HTTP_FRAMEWORK = List.of(
            x("H1", "create-server", ok(u64(1)), serverConfig(some(new U16(8080)), some(s("0.0.0.0")),
                    some(RecordValue.of(s("cert.pem"), s("key.pem"))))),
            x("H2", "create-server", ok(u64(U64_MAX)), serverConfig(none(), none(), none())),
            x("H3", "create-server", err("host is empty"), serverConfig(some(new U16(0)), some(s("")), none())),
            x("H4", "get-server-info", ok(serverInfo(1, 8080, "0.0.0.0", true, 2, 1, true)), u64(1)),
            x("H5", "get-server-info", ok(serverInfo(U64_MAX, 65535, "", false, 0, 4294967295L, false)), u64(U64_MAX)),
            x("H6", "get-server-info", err("unknown server 99"), u64(99)),
            x("H7", "start-server", ok(new U16(8080)), u64(1)),
            x("H8", "start-server", ok(new U16(65535)), u64(U64_MAX)),
            x("H9", "start-server", err("unknown server 99"), u64(99)),
            x("H10", "stop-server", ok(), u64(1)),
            x("H11", "stop-server", err("unknown server 99"), u64(99)),
            x("H12", "destroy-server", ok(), u64(1)),
            x("H13", "destroy-server", err("unknown server 99"), u64(99)),
            x("H14", "register-handler", ok(u64(7)), s("api")),
            x("H15", "register-handler", err("empty handler name"), s("")),
            x("H16", "add-route", ok(u64(100)), u64(1), s("/items/{id}"), s("GET"), u64(7)),
            x("H17", "add-route", err("unknown handler 18446744073709551615"), u64(1), s("/"), s("*"), u64(U64_MAX)),
            x("H18", "remove-route", ok(), u64(100)),
            x("H19", "remove-route", err("unknown route 101"), u64(101)),
            x("H20", "add-middleware", ok(u64(Long.MIN_VALUE)), u64(1), s("/api"), u64(7)),
            x("H21", "add-middleware", err("unknown server 2"), u64(2), s(""), u64(7)),
            x("H22", "remove-middleware", ok(), u64(Long.MIN_VALUE)),
            x("H23", "remove-middleware", err("unknown middleware 201"), u64(201)),
            x("H24", "enable-websocket", ok(), u64(1), s("/ws"), some(u64(8)), u64(9), none()),
            x("H25", "enable-websocket", err("unknown handler 18446744073709551615"), u64(1), s("/ws2"), none(), u64(9),
                    some(u64(U64_MAX))),
            x("H26", "disable-websocket", ok(), u64(1), s("/ws")),
            x("H27", "disable-websocket", err("no websocket on /nope"), u64(1), s("/nope")),
            x("H28", "send-websocket-message", ok(), u64(1), u64(5), text("hi ✓")),
            x("H29", "send-websocket-message", ok(), u64(1), u64(5), binary(bytes(1, 2, 0))),
            x("H30", "send-websocket-message", ok(), u64(1), u64(5), message(2)),
            x("H31", "send-websocket-message", ok(), u64(1), u64(5), message(3)),
            x("H32", "send-websocket-message", ok(), u64(1), u64(5), message(4)),
            x("H33", "send-websocket-message", ok(), u64(1), u64(5), message(5)),
            x("H34", "send-websocket-message", err("connection 6 is closed"), u64(1), u64(6),
                    message(6, Optional.of(s("custom")), some(bytes()), some(s("")))),
            x("H35", "close-websocket", ok(), u64(1), u64(5)),
            x("H36", "close-websocket", err("unknown connection 18446744073709551615"), u64(1), u64(U64_MAX)));
}
