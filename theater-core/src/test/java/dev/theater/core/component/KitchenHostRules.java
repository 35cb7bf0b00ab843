package dev.theater.core.component;

import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conformance test's kitchen-host: deterministic functions of the JSON-encoded arguments, the same rules as
 * hostRules in tools/components/conformance/kitchen-sink.mjs (README.md there, "Host functions").
 */
final class KitchenHostRules {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> COLORS = List.of("red", "green", "blue");

    private final JsonNode hostItems;

    KitchenHostRules(JsonNode hostItems) {
        this.hostItems = hostItems;
    }

    JsonNode answer(String function, ArrayNode a) {
        return switch (function) {
            // every component + 1, wrapping in its own type
            case "ints" -> {
                ArrayNode out = JSON.arrayNode();
                out.add((byte) (a.get(0).intValue() + 1));
                out.add((a.get(1).intValue() + 1) & 0xFF);
                out.add((short) (a.get(2).intValue() + 1));
                out.add((a.get(3).intValue() + 1) & 0xFFFF);
                out.add(Long.toString(Long.parseLong(a.get(4).stringValue()) + 1));
                out.add(Long.toUnsignedString(Long.parseUnsignedLong(a.get(5).stringValue()) + 1));
                yield out;
            }
            // the sum of every integer param (signed ones as signed), h's code point, the UTF-8 byte lengths of
            // e, j and o, and 1 if i; modulo 2^64 (long arithmetic wraps)
            case "many" -> {
                long sum = a.get(0).longValue() + Long.parseLong(a.get(1).stringValue()) + a.get(5).longValue()
                        + a.get(6).longValue() + Long.parseUnsignedLong(a.get(10).stringValue()) + a.get(13).longValue()
                        + a.get(15).longValue() + a.get(7).longValue()
                        + utf8Length(a.get(4)) + utf8Length(a.get(9)) + utf8Length(a.get(14))
                        + (a.get(8).booleanValue() ? 1 : 0);
                yield JSON.stringNode(Long.toUnsignedString(sum));
            }
            case "pick" -> {
                JsonNode shape = a.get(2);
                yield switch (shape.get("case").stringValue()) {
                    case "circle" -> some("ok", JSON.numberNode(a.get(1).size() + 10 * COLORS.indexOf(a.get(0).stringValue())));
                    case "rect" -> JSON.nullNode();
                    case "label" -> some("err", JSON.stringNode("bad " + shape.get("value").stringValue()));
                    default -> some("ok", JSON.numberNode(4294967295L));
                };
            }
            // n items: host-items[k mod len] for k = 0..n-1 (none when host-items is empty)
            case "items" -> {
                ArrayNode out = JSON.arrayNode();
                long n = a.get(0).longValue();
                for (long k = 0; k < n && !hostItems.isEmpty(); k++) {
                    out.add(hostItems.get((int) (k % hostItems.size())));
                }
                yield out;
            }
            case "describe" -> {
                JsonNode it = a.get(0);
                yield JSON.stringNode("described " + it.get("name").stringValue() + " tags=" + it.get("tags").size()
                        + " count=" + it.get("count").longValue() + " color=" + it.get("color").stringValue()
                        + " initial=" + it.get("initial").longValue());
            }
            default -> throw new IllegalArgumentException("kitchen-host has no function " + function);
        };
    }

    private static JsonNode some(String tag, JsonNode payload) {
        ObjectNode result = JSON.objectNode();
        result.set(tag, payload);
        ObjectNode option = JSON.objectNode();
        option.set("some", result);
        return option;
    }

    private static long utf8Length(JsonNode s) {
        return s.stringValue().getBytes(StandardCharsets.UTF_8).length;
    }
}
