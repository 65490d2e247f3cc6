package io.linewatch.ingest.asset;

/**
 * Machine, line and sensor identifiers appear in MQTT topic levels, CSV headers and Kafka keys,
 * so they are restricted to characters that need no escaping in any of them.
 */
final class AssetIds {

    static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String MESSAGE = "must be 1-64 characters of letters, digits, '.', '_' or '-'";
    private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

    private AssetIds() {}

    static boolean valid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }
}
