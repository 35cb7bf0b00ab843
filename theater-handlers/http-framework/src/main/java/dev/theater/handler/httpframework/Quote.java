package dev.theater.handler.httpframework;

/** What an actor sent, quoted for an error message: at most 80 characters, control characters escaped. */
final class Quote {

    private Quote() {
    }

    static String of(String text) {
        StringBuilder b = new StringBuilder("\"");
        int n = Math.min(text.length(), 80);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        return b.append(text.length() > n ? "…\"" : "\"").toString();
    }
}
