package io.linewatch.quality.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options of a CLI command; {@code --set k=v} may repeat. */
record CliArguments(Map<String, String> options, Map<String, String> settings) {

    static CliArguments parse(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String name = rest.remove(0);
            if (!name.startsWith("--") || rest.isEmpty()) {
                throw new IllegalArgumentException("expected --option value, got " + name);
            }
            String value = rest.remove(0);
            if (name.equals("--set")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set needs name=value, got " + value);
                }
                settings.put(value.substring(0, eq), value.substring(eq + 1));
            } else {
                options.put(name.substring(2), value);
            }
        }
        return new CliArguments(options, settings);
    }

    String get(String name) {
        return options.get(name);
    }

    String require(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }
}
