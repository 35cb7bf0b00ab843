package dev.theater.handler.messageserver;

import java.nio.charset.StandardCharsets;

/**
 * The {@code message-server/received} event recorded in the receiving actor's chain when a message arrives,
 * before the runtime records the export call that handles it: which kind, from whom, how large, and the
 * request or channel id. Data: {@code {"kind":"send","from":"a","size":5}} (plus {@code "id":"..."}).
 */
final class Received {

    static final String EVENT_TYPE = "message-server/received";

    private Received() {
    }

    static byte[] data(String kind, String from, int size, String id) {
        StringBuilder json = new StringBuilder(64).append("{\"kind\":\"").append(kind).append("\",\"from\":");
        quote(json, from).append(",\"size\":").append(size);
        if (id != null) {
            quote(json.append(",\"id\":"), id);
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    static String description(String kind, String from, int size) {
        return kind + " from '" + from + "' (" + size + " bytes)";
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
