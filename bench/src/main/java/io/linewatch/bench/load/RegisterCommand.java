package io.linewatch.bench.load;

import io.linewatch.bench.Args;
import io.linewatch.bench.data.Fleet;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * {@code register --url http://127.0.0.1:8081 --key K --machines 1000 --sensors 8}: registers the
 * benchmark fleet through the asset API, as its own step so that it does not run between the
 * ceilings and the load (it takes minutes: every asset change reloads ingest's whole catalog).
 */
public final class RegisterCommand {

    private RegisterCommand() {}

    public static void run(Args args) throws Exception {
        String url = args.string("url", "http://127.0.0.1:8081");
        String key = args.string("key", System.getenv().getOrDefault("LINEWATCH_BENCH_KEY", ""));
        int machines = args.integer("machines", 1000);
        int sensors = args.integer("sensors", 8);
        int threads = args.integer("threads", 4);
        args.rejectUnknown();
        if (key.isBlank()) {
            throw new IllegalArgumentException("--key (or LINEWATCH_BENCH_KEY) is required");
        }
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long t0 = System.nanoTime();
        new AssetRegistrar(http, URI.create(url), key).register(Fleet.of(machines, sensors), threads);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int requests = Fleet.of(machines, sensors).lineIds().size() + machines * (1 + sensors);
        System.out.printf(
                "registered %d machines x %d sensors (%d requests) in %.1f s, %.1f ms per request%n",
                machines, sensors, requests, seconds, seconds * 1000 / requests);
    }
}
