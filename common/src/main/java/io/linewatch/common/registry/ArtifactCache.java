package io.linewatch.common.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Verified artifacts on local disk, one file per model version named after its sha256. A file
 * only gets its final name after its sha256 matched the registry's, so a torn download or a
 * tampered file is never handed to a loader.
 */
class ArtifactCache {

    private final Path root;
    private final int keepVersions;

    ArtifactCache(Path root, int keepVersions) {
        this.root = root;
        this.keepVersions = Math.max(1, keepVersions);
    }

    Path fetch(ModelVersionInfo info, RegistrySource source) throws IOException {
        Path dir = root.resolve(safe(info.modelName()));
        Files.createDirectories(dir);
        Path target = dir.resolve(info.version() + "-" + info.sha256() + ".bin");
        if (Files.exists(target) && info.sha256().equals(sha256(target))) {
            return target;
        }
        Path temp = Files.createTempFile(dir, "download-", ".part");
        try {
            String actual;
            try (OutputStream file = Files.newOutputStream(temp);
                    DigestOutputStream digest = new DigestOutputStream(file, sha256Digest())) {
                source.download(info.modelName(), info.version(), digest);
                digest.flush();
                actual = HexFormat.of().formatHex(digest.getMessageDigest().digest());
            }
            if (!actual.equals(info.sha256())) {
                throw new ArtifactIntegrityException(info.modelName() + " v" + info.version() + ": downloaded sha256 "
                        + actual + " does not match the registry's " + info.sha256());
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        prune(dir, target);
        return target;
    }

    /** Keeps the newest {@code keepVersions} artifacts of a model so the cache cannot grow forever. */
    private void prune(Path dir, Path keep) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".bin") && !p.equals(keep))
                    .sorted(Comparator.comparing(ArtifactCache::modified).reversed())
                    .toList();
        }
        for (Path old : files.subList(Math.min(files.size(), keepVersions - 1), files.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The bytes that arrived are not the bytes the registry registered. */
    static class ArtifactIntegrityException extends IOException {
        ArtifactIntegrityException(String message) {
            super(message);
        }
    }
}
