package io.linewatch.bench.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Follows {@code jstat -gc <pid> 1000} and keeps the latest heap use and capacity (survivors, eden
 * and old generation; metaspace is not heap). One jstat process per JVM for the whole run.
 */
final class JstatReader implements AutoCloseable {

    private final Process process;
    private volatile long usedKb = -1;
    private volatile long committedKb = -1;

    JstatReader(long pid) throws IOException {
        process = new ProcessBuilder(List.of("jstat", "-gc", Long.toString(pid), "1000"))
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(this::follow, "jstat-" + pid);
        reader.setDaemon(true);
        reader.start();
    }

    long usedKb() {
        return usedKb;
    }

    long committedKb() {
        return committedKb;
    }

    private void follow() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String[] header = null;
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 0 && f[0].equals("S0C")) {
                    header = f;
                } else if (header != null && f.length == header.length) {
                    long[] heap = heap(header, f);
                    usedKb = heap[0];
                    committedKb = heap[1];
                }
            }
        } catch (IOException | RuntimeException e) {
            usedKb = -1;
        }
    }

    /** {used, committed} in kB from one jstat -gc row. */
    static long[] heap(String[] header, String[] row) {
        double used = 0;
        double committed = 0;
        for (int i = 0; i < header.length; i++) {
            switch (header[i]) {
                case "S0U", "S1U", "EU", "OU" -> used += Double.parseDouble(row[i]);
                case "S0C", "S1C", "EC", "OC" -> committed += Double.parseDouble(row[i]);
                default -> {}
            }
        }
        return new long[] {Math.round(used), Math.round(committed)};
    }

    @Override
    public void close() {
        process.destroy();
    }
}
