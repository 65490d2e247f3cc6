package io.linewatch.quality.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Single-image {@code POST /api/v1/inspections} round trips against a running service (decode,
 * classify, store, outbox), one at a time, and batched posts of the whole image set.
 */
final class HttpRoundTrips {

    private final PrintStream out;
    private final BenchmarkOptions o;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HttpRoundTrips(PrintStream out, BenchmarkOptions o) {
        this.out = out;
        this.o = o;
    }

    void run(List<byte[]> images) throws IOException, InterruptedException {
        double[] millis = new double[o.requests()];
        double[] inference = new double[o.requests()];
        for (int i = -Math.min(10, o.requests()); i < o.requests(); i++) {
            byte[] image = images.get(Math.floorMod(i, images.size()));
            long start = System.nanoTime();
            String body = post("/api/v1/inspections", List.of(image), "image");
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1e6;
                inference[i] = latencyMs(body);
            }
        }
        Percentiles p = new Percentiles(millis);
        out.printf(
                Locale.ROOT,
                "HTTP single image, %d sequential POSTs: p50 %.1f ms, p99 %.1f ms, mean %.1f ms%n",
                o.requests(),
                p.at(50),
                p.at(99),
                p.mean());
        Percentiles server = new Percentiles(inference);
        out.printf(
                Locale.ROOT,
                "HTTP single image, of which classify in the service (latencyMs): p50 %.1f ms, p99 %.1f ms, mean %.1f ms%n",
                server.at(50),
                server.at(99),
                server.mean());
        int batches = Math.max(3, o.requests() / images.size());
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            post("/api/v1/inspections/batch", images, "images");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(
                Locale.ROOT,
                "HTTP batch of %d, %d sequential POSTs: %.1f images/s%n",
                images.size(),
                batches,
                batches * images.size() / seconds);
    }

    /** The service's own classify time from an inspection answer, NaN when absent. */
    static double latencyMs(String body) {
        Matcher m = LATENCY.matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static final Pattern LATENCY = Pattern.compile("\"latencyMs\"\\s*:\\s*([0-9.eE+-]+)");

    private String post(String path, List<byte[]> images, String part) throws IOException, InterruptedException {
        String boundary = "lw" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < images.size(); i++) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"p"
                            + i + ".png\"\r\nContent-Type: image/png\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(images.get(i));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        for (String[] field :
                new String[][] {{"line", "BENCH"}, {"station", "S1"}, {"productType", o.productType()}, {"serial", "SN"}
                }) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                            + field[1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(o.http() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (o.apiKey() != null) {
            request.header("X-API-Key", o.apiKey());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
