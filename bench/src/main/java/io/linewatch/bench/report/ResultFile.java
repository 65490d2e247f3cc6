package io.linewatch.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The figures of one command, written as properties so the report (and the script) can read them. */
public final class ResultFile {

    private final Map<String, String> values = new LinkedHashMap<>();

    public ResultFile put(String key, Object value) {
        values.put(key, String.valueOf(value));
        return this;
    }

    public String get(String key) {
        return values.get(key);
    }

    public double number(String key) {
        String v = values.get(key);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    public Map<String, String> values() {
        return values;
    }

    public void write(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        // Written by hand rather than Properties.store, which scrambles the order a reader expects.
        try (Writer w = Files.newBufferedWriter(file)) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue().replace("\\", "\\\\").replace("\n", "\\n") + "\n");
            }
        }
    }

    public static ResultFile read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        ResultFile result = new ResultFile();
        // Properties loses order; the report looks keys up by name, so order does not matter here.
        p.stringPropertyNames().forEach(k -> result.values.put(k, p.getProperty(k)));
        return result;
    }
}
