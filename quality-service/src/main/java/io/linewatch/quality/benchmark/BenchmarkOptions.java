package io.linewatch.quality.benchmark;

import java.nio.file.Path;
import java.util.List;

/**
 * Options of {@code benchmark}.
 *
 * @param model a bundle or registry artifact; null: a freshly initialised network of the
 *     production architecture ({@code TrainingSettings.defaults()}), since throughput does not depend
 *     on the weights
 * @param batch images per batched call
 * @param seconds measuring time of each throughput figure (split over alternating rounds)
 * @param single single-image calls for the latency percentiles
 * @param heatmaps occlusion heatmaps timed
 * @param http base URL of a running quality-service for the HTTP round trips (null: skipped)
 * @param requests measured single-image POSTs
 * @param warmup single-image POSTs before the measured ones, reported separately (the cold start
 *     of a fresh service)
 * @param saveModel where to save the benchmarked model as a bundle (for a service to serve it), or null
 */
record BenchmarkOptions(
        Path model,
        int classes,
        int size,
        int channels,
        int batch,
        double seconds,
        int single,
        int heatmaps,
        String http,
        String apiKey,
        String productType,
        int requests,
        int warmup,
        Path saveModel) {

    static final String USAGE = "usage: benchmark [--model FILE] [--classes 6] [--size 128] [--channels 1]"
            + " [--batch 32] [--seconds 10] [--single 200] [--heatmaps 5]"
            + " [--http URL --api-key KEY --product-type T --requests 200 --warmup 300] [--save-model FILE]";

    static BenchmarkOptions parse(List<String> args) {
        Path model = null;
        int classes = 6;
        int size = 128;
        int channels = 1;
        int batch = 32;
        double seconds = 10;
        int single = 200;
        int heatmaps = 5;
        String http = null;
        String apiKey = System.getenv("LINEWATCH_API_KEY");
        String productType = "default";
        int requests = 200;
        int warmup = 300;
        Path saveModel = null;
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            String value = args.get(++i);
            switch (name) {
                case "--model" -> model = Path.of(value);
                case "--classes" -> classes = positive(name, value);
                case "--size" -> size = positive(name, value);
                case "--channels" -> channels = positive(name, value);
                case "--batch" -> batch = positive(name, value);
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--single" -> single = positive(name, value);
                case "--heatmaps" -> heatmaps = Integer.parseInt(value);
                case "--http" -> http = value;
                case "--api-key" -> apiKey = value;
                case "--product-type" -> productType = value;
                case "--requests" -> requests = positive(name, value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--save-model" -> saveModel = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("--channels must be 1 or 3");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--seconds must be positive");
        }
        return new BenchmarkOptions(
                model,
                classes,
                size,
                channels,
                batch,
                seconds,
                single,
                heatmaps,
                http,
                apiKey,
                productType,
                requests,
                warmup,
                saveModel);
    }

    private static int positive(String name, String value) {
        int v = Integer.parseInt(value);
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return v;
    }
}
