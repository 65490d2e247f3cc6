package io.linewatch.bench.load;

import io.linewatch.bench.data.ByteBuf;
import io.linewatch.bench.data.JsonBatchWriter;
import io.linewatch.bench.data.SignalSource;
import io.linewatch.bench.stats.LatencyRecorder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One connection's worth of gateway: builds a batch, posts it, and on 429/503 waits the
 * Retry-After and posts exactly that batch again, so nothing is lost and nothing is counted twice.
 */
final class LoadWorker implements Runnable {

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final HttpClient http;
    private final URI uri;
    private final String key;
    private final SignalSource source;
    private final JsonBatchWriter writer;
    private final int batch;
    private final RatePacer pacer;
    private final LoadCounters counters;
    private final BooleanSupplier stopped;
    private final BooleanSupplier measuring;
    final LatencyRecorder latencies = new LatencyRecorder();

    LoadWorker(
            HttpClient http,
            URI uri,
            String key,
            SignalSource source,
            JsonBatchWriter writer,
            int batch,
            RatePacer pacer,
            LoadCounters counters,
            BooleanSupplier stopped,
            BooleanSupplier measuring) {
        this.http = http;
        this.uri = uri;
        this.key = key;
        this.source = source;
        this.writer = writer;
        this.batch = batch;
        this.pacer = pacer;
        this.counters = counters;
        this.stopped = stopped;
        this.measuring = measuring;
    }

    @Override
    public void run() {
        ByteBuf buf = new ByteBuf(batch * 220);
        while (!stopped.getAsBoolean()) {
            pacer.awaitSlot();
            buf.reset();
            writer.writeBatch(source, batch, buf);
            byte[] body = buf.toByteArray();
            try {
                post(body);
            } catch (IOException e) {
                counters.firstError.compareAndSet(null, "I/O: " + e);
                counters.rejectedSamples.add(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void post(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("X-API-Key", key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        while (true) {
            boolean measured = measuring.getAsBoolean();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            int code = response.statusCode();
            counters.status(code);
            if (code == 429 || code == 503) {
                // The service refused the whole batch: back off as told, then resend the same bytes.
                counters.resent.increment();
                if (stopped.getAsBoolean()) {
                    counters.rejectedSamples.add(batch);
                    return;
                }
                LockSupport.parkNanos(retryAfterNanos(response));
                continue;
            }
            int accepted = code / 100 == 2 ? accepted(response.body(), batch) : 0;
            if (accepted < batch || code / 100 != 2) {
                counters.firstError.compareAndSet(null, code + ": " + abbreviate(response.body()));
            }
            if (code / 100 == 2 && measured && measuring.getAsBoolean()) {
                latencies.record(nanos);
            }
            counters.acceptedSamples.add(accepted);
            counters.rejectedSamples.add(batch - accepted);
            return;
        }
    }

    /** Samples accepted as the response body states it; a 2xx without a count accepted the whole batch. */
    static int accepted(String body, int batch) {
        Matcher m = ACCEPTED.matcher(body == null ? "" : body);
        return m.find() ? Integer.parseInt(m.group(1)) : batch;
    }

    private static long retryAfterNanos(HttpResponse<?> response) {
        long seconds = response.headers()
                .firstValue("Retry-After")
                .map(v -> {
                    try {
                        return Long.parseLong(v.trim());
                    } catch (NumberFormatException e) {
                        return 1L;
                    }
                })
                .orElse(1L);
        return Math.min(MAX_BACKOFF_NANOS, TimeUnit.SECONDS.toNanos(Math.max(1, seconds)));
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
