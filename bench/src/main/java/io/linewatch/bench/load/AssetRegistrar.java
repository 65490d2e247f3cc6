package io.linewatch.bench.load;

import io.linewatch.bench.data.Fleet;
import io.linewatch.bench.data.SensorSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Registers the fleet through the real asset API (strict mode needs it): lines, machines, then
 * each machine's sensors with unit, physical range and sampling interval. Existing assets (409)
 * are fine, so a rerun against the same database works.
 */
final class AssetRegistrar {

    private final HttpClient http;
    private final URI base;
    private final String key;

    AssetRegistrar(HttpClient http, URI base, String key) {
        this.http = http;
        this.base = base;
        this.key = key;
    }

    void register(Fleet fleet, int threads) throws Exception {
        for (String line : fleet.lineIds()) {
            send("POST", "/api/v1/lines", "{\"id\":\"%s\",\"name\":\"Bench line %s\"}".formatted(line, line));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Fleet.Machine machine : fleet.machines()) {
                done.add(pool.submit(() -> {
                    send(
                            "POST",
                            "/api/v1/machines",
                            "{\"id\":\"%s\",\"lineId\":\"%s\",\"type\":\"cnc-mill\",\"description\":\"bench\"}"
                                    .formatted(machine.id(), machine.lineId()));
                    for (SensorSpec s : fleet.sensors()) {
                        send(
                                "PUT",
                                "/api/v1/machines/" + machine.id() + "/sensors/" + s.name(),
                                String.format(
                                        Locale.ROOT,
                                        "{\"name\":\"%s\",\"unit\":\"%s\",\"min\":%s,\"max\":%s,\"samplingIntervalMs\":%d}",
                                        s.name(),
                                        s.unit(),
                                        s.min(),
                                        s.max(),
                                        s.samplingIntervalMs()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("X-API-Key", key)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int code = response.statusCode();
        if (code / 100 != 2 && code != 409) {
            throw new IllegalStateException(method + " " + path + " answered " + code + ": " + response.body());
        }
    }
}
