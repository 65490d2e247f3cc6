package io.linewatch.quality.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Single-image {@code POST /api/v1/inspections} round trips against a running service (decode,
 * classify, store, outbox), one at a time, and batched posts of the whole image set.
 *
 * <p>The client is a blocking {@link HttpURLConnection} on one kept-alive connection (as a camera
 * station posting one part after another would use), with every request body built before the
 * clock starts, so the figure is the service's round trip and not the client's machinery. The
 * first {@code --warmup} posts are reported separately: on a freshly started service they are the
 * cold start (class loading, JIT compilation, heap sizing), which lasts a few hundred requests.
 */
final class HttpRoundTrips {

    private final PrintStream out;
    private final BenchmarkOptions o;

    HttpRoundTrips(PrintStream out, BenchmarkOptions o) {
        this.out = out;
        this.o = o;
    }

    void run(List<byte[]> images) throws IOException, InterruptedException {
        List<Multipart> bodies = new ArrayList<>();
        for (byte[] image : images) {
            bodies.add(multipart(List.of(image), "image"));
        }
        double[] warmup = new double[o.warmup()];
        for (int i = 0; i < o.warmup(); i++) {
            Multipart body = bodies.get(i % bodies.size());
            long start = System.nanoTime();
            post("/api/v1/inspections", body);
            warmup[i] = (System.nanoTime() - start) / 1e6;
        }
        if (o.warmup() > 0) {
            Percentiles w = new Percentiles(warmup);
            out.printf(
                    Locale.ROOT,
                    "HTTP single image, %d warm-up POSTs first (on a fresh service: the cold start): p50 %.1f ms,"
                            + " p99 %.1f ms, mean %.1f ms%n",
                    o.warmup(),
                    w.at(50),
                    w.at(99),
                    w.mean());
        }
        double[] millis = new double[o.requests()];
        double[] inference = new double[o.requests()];
        for (int i = 0; i < o.requests(); i++) {
            Multipart body = bodies.get(i % bodies.size());
            long start = System.nanoTime();
            String answer = post("/api/v1/inspections", body);
            millis[i] = (System.nanoTime() - start) / 1e6;
            inference[i] = latencyMs(answer);
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
        Multipart batch = multipart(images, "images");
        post("/api/v1/inspections/batch", batch);
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            post("/api/v1/inspections/batch", batch);
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

    /** A request body and its boundary. */
    private record Multipart(String boundary, byte[] body) {}

    private Multipart multipart(List<byte[]> images, String part) {
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
        return new Multipart(boundary, body.toByteArray());
    }

    /** POSTs on the kept-alive connection (the body is read to the end so the connection is reused). */
    private String post(String path, Multipart multipart) throws IOException {
        HttpURLConnection c =
                (HttpURLConnection) URI.create(o.http() + path).toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(60_000);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(multipart.body().length);
        c.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + multipart.boundary());
        if (o.apiKey() != null) {
            c.setRequestProperty("X-API-Key", o.apiKey());
        }
        try (OutputStream body = c.getOutputStream()) {
            body.write(multipart.body());
        }
        int status = c.getResponseCode();
        String answer;
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (status != 201) {
            throw new IOException("POST " + path + " answered " + status + ": " + answer);
        }
        return answer;
    }
}
