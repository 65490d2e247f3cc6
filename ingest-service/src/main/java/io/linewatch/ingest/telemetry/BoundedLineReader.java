package io.linewatch.ingest.telemetry;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines like {@code BufferedReader.readLine} but never holds more than {@code maxLength}
 * characters of one line: a longer line is consumed and reported as {@link #TOO_LONG}, so a body
 * without newlines cannot exhaust the heap.
 */
final class BoundedLineReader {

    static final String TOO_LONG = "\u0000too-long";

    private final Reader in;
    private final int maxLength;
    private final char[] buffer = new char[16 * 1024];
    private final StringBuilder line = new StringBuilder(256);
    private int pos;
    private int limit;

    BoundedLineReader(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line without its terminator, {@link #TOO_LONG}, or null at the end. */
    String readLine() throws IOException {
        line.setLength(0);
        boolean overflow = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? finish(overflow) : null;
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            if (!overflow) {
                int take = pos - start;
                if (line.length() + take > maxLength) {
                    overflow = true;
                } else {
                    line.append(buffer, start, take);
                }
            }
            if (pos < limit) {
                pos++;
                return finish(overflow);
            }
        }
    }

    private String finish(boolean overflow) {
        if (overflow) {
            return TOO_LONG;
        }
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
        }
        return line.toString();
    }
}
