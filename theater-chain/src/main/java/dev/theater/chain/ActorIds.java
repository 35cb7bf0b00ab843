package dev.theater.chain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Maps actor ids to file names and back: {@code [A-Za-z0-9_-]} and inner dots stay, everything else is %XX. */
final class ActorIds {
    static final String SUFFIX = ".chain";

    private ActorIds() {
    }

    static String fileName(String actorId) {
        if (actorId.isEmpty()) {
            throw new IllegalArgumentException("an actor id cannot be empty");
        }
        StringBuilder sb = new StringBuilder();
        byte[] bytes = actorId.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_'
                    || b == '-' || (b == '.' && i > 0);
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            }
        }
        return sb.append(SUFFIX).toString();
    }

    static String actorId(String fileName) {
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 2 < name.length()) {
                out.write(Integer.parseInt(name.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
