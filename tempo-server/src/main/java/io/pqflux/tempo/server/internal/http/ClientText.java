package io.pqflux.tempo.server.internal.http;

/** Text a client sent, made safe for a message or a log line: control characters escaped, length capped. */
public final class ClientText {

    private ClientText() {
    }

    public static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02x", (int) c));
            else out.append(c);
        }
        return out.length() < text.length() && out.length() >= max ? out + "…" : out.toString();
    }
}
