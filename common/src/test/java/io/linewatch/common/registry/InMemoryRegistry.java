package io.linewatch.common.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The registry as the client sees it, in memory: versions with bytes and movable aliases. */
class InMemoryRegistry implements RegistrySource {

    final Map<Integer, byte[]> artifacts = new ConcurrentHashMap<>();
    final Map<Integer, byte[]> served = new ConcurrentHashMap<>();
    final Map<String, Integer> aliases = new ConcurrentHashMap<>();
    int downloads;

    ModelVersionInfo put(int version, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        artifacts.put(version, bytes);
        served.put(version, bytes);
        return info(version);
    }

    ModelVersionInfo info(int version) {
        byte[] bytes = artifacts.get(version);
        return new ModelVersionInfo(
                "pump",
                version,
                "anomaly-lstm",
                sha256(bytes),
                bytes.length,
                "dl4j",
                "dl4j-zip",
                "trained",
                null,
                Map.of(),
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                null,
                List.of(),
                "test",
                Instant.EPOCH);
    }

    @Override
    public Optional<ModelVersionInfo> resolve(String modelName, String alias) {
        Integer version = aliases.get(alias);
        return version == null ? Optional.empty() : Optional.of(info(version));
    }

    @Override
    public Optional<ModelVersionInfo> version(String modelName, int version) {
        return artifacts.containsKey(version) ? Optional.of(info(version)) : Optional.empty();
    }

    @Override
    public synchronized void download(String modelName, int version, OutputStream sink) throws IOException {
        downloads++;
        sink.write(served.get(version));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
