package io.linewatch.registry.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link ArtifactStore} on a local or mounted filesystem: {@code root/objects/ab/<sha256>} for
 * artifacts, {@code root/staging} for uploads in flight (same filesystem, so rename is atomic).
 */
class FileSystemArtifactStore implements ArtifactStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path objects;
    private final Path staging;

    FileSystemArtifactStore(Path root) throws IOException {
        this.objects = Files.createDirectories(root.resolve("objects"));
        this.staging = Files.createDirectories(root.resolve("staging"));
    }

    @Override
    public StagedArtifact stage(InputStream content, long maxBytes) throws IOException {
        Path file = newStagingFile();
        MessageDigest digest = sha256();
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = content.read(buffer)) > 0; ) {
                size += n;
                if (size > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            discard(file);
            throw e;
        }
        return new StagedArtifact(file, HexFormat.of().formatHex(digest.digest()), size);
    }

    @Override
    public Path newStagingFile() throws IOException {
        return Files.createTempFile(staging, "upload-", ".part");
    }

    @Override
    public StagedArtifact describe(Path stagingFile) throws IOException {
        MessageDigest digest = sha256();
        long size = 0;
        try (InputStream in = Files.newInputStream(stagingFile)) {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
                digest.update(buffer, 0, n);
            }
        }
        return new StagedArtifact(stagingFile, HexFormat.of().formatHex(digest.digest()), size);
    }

    @Override
    public void commit(StagedArtifact staged) throws IOException {
        try (FileChannel channel = FileChannel.open(staged.path(), StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Path target = path(staged.sha256());
        Files.createDirectories(target.getParent());
        Files.move(staged.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The rename is only durable once the directory entry is on disk.
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // Some filesystems cannot open a directory for fsync; the file itself is synced.
        }
    }

    @Override
    public void discard(Path stagingFile) {
        try {
            Files.deleteIfExists(stagingFile);
        } catch (IOException ignored) {
            // The sweeper removes stale staging files.
        }
    }

    @Override
    public Optional<InputStream> open(String sha256) throws IOException {
        try {
            return Optional.of(Files.newInputStream(path(sha256)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Set<String> list() throws IOException {
        Set<String> shas = new HashSet<>();
        try (Stream<Path> files = Files.walk(objects, 2)) {
            files.map(p -> p.getFileName().toString())
                    .filter(name -> SHA256.matcher(name).matches())
                    .forEach(shas::add);
        }
        return shas;
    }

    @Override
    public Optional<Instant> lastModified(String sha256) throws IOException {
        try {
            return Optional.of(Files.getLastModifiedTime(path(sha256)).toInstant());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(path(sha256));
    }

    @Override
    public int deleteStagingOlderThan(Instant cutoff) throws IOException {
        int deleted = 0;
        try (Stream<Path> files = Files.list(staging)) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return objects.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
