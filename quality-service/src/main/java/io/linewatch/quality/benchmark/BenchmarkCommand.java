package io.linewatch.quality.benchmark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.linewatch.quality.explanation.OcclusionMap;
import io.linewatch.quality.image.ImageDecoder;
import io.linewatch.quality.image.ImageLimits;
import io.linewatch.quality.image.ImagePreparer;
import io.linewatch.quality.image.ImageRejectedException;
import io.linewatch.quality.image.InputShape;
import io.linewatch.quality.model.DefectClassifier;
import io.linewatch.quality.model.DefectNetFactory;
import io.linewatch.quality.model.Features;
import io.linewatch.quality.model.ModelBundle;
import io.linewatch.quality.model.ModelContract;
import io.linewatch.quality.model.NetworkSpec;
import io.linewatch.quality.model.RegistryArtifact;
import io.linewatch.quality.training.TrainingSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.LoggerFactory;

/**
 * {@code benchmark}: images per second through the product's classification path (decode bytes,
 * prepare, normalise, one batched {@code output()}, predictions: what {@code InspectionService}
 * does before it stores) against raw {@code output()} on the same prepared batch in the same run,
 * of both the trained network and its folded inference form ({@code InferenceNetwork}, what the
 * product infers on); single-image latency percentiles (interleaved), occlusion heatmap cost and
 * memory; optionally HTTP round trips against a running service. Runs without Spring, Kafka or
 * PostgreSQL.
 */
public final class BenchmarkCommand {

    private final PrintStream out;
    private final PrintStream err;

    public BenchmarkCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].equals("benchmark");
    }

    public int run(String[] args) {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
        try {
            BenchmarkOptions options =
                    BenchmarkOptions.parse(Arrays.asList(args).subList(1, args.length));
            run(options);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(BenchmarkOptions.USAGE);
            return 2;
        } catch (IOException | ImageRejectedException | InterruptedException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    void run(BenchmarkOptions o) throws IOException, ImageRejectedException, InterruptedException {
        ModelBundle bundle = o.model() != null ? RegistryArtifact.read(o.model()) : fresh(o);
        if (o.saveModel() != null) {
            bundle.save(o.saveModel());
        }
        DefectClassifier classifier = new DefectClassifier(bundle);
        ModelContract contract = classifier.contract();
        InputShape shape = contract.input();
        out.printf(
                Locale.ROOT,
                "model: %s, input %dx%dx%d, %d classes, %d parameters; batch %d; OMP_NUM_THREADS=%s; %d cores%n",
                o.model() == null ? "fresh network of the production architecture" : o.model(),
                shape.channels(),
                shape.height(),
                shape.width(),
                contract.labels().size(),
                bundle.network().numParams(),
                o.batch(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"),
                Runtime.getRuntime().availableProcessors());

        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        List<byte[]> encoded = images(o.batch(), shape);
        List<BufferedImage> decodedOnce = new ArrayList<>();
        for (byte[] bytes : encoded) {
            decodedOnce.add(decoder.decode(bytes));
        }
        List<float[]> prepared = new ArrayList<>();
        for (BufferedImage image : decodedOnce) {
            prepared.add(ImagePreparer.prepare(image, shape, contract.padding()));
        }
        INDArray features = Features.batch(prepared, contract);

        var trained = bundle.network();
        var folded = classifier.inferenceNetwork();
        Runnable rawTrained = () -> trained.output(features, false);
        Runnable rawFolded = () -> folded.output(features, false);
        Runnable classify = () -> classifier.classify(decodedOnce);
        Runnable product = () -> {
            List<BufferedImage> decoded = new ArrayList<>(encoded.size());
            for (byte[] bytes : encoded) {
                try {
                    decoded.add(decoder.decode(bytes));
                } catch (ImageRejectedException e) {
                    throw new IllegalStateException(e);
                }
            }
            classifier.classify(decoded);
        };
        out.printf(
                Locale.ROOT,
                "folded network: %d layers (trained %d), %d parameters; max |p_folded - p_trained| on the batch %.2e%n",
                folded.getnLayers(),
                trained.getnLayers(),
                folded.numParams(),
                trained.output(features, false)
                        .sub(folded.output(features, false))
                        .amaxNumber()
                        .doubleValue());
        String foldedRaw = "raw output(), folded (inference network)";
        Throughput throughput = new Throughput(o.seconds());
        Map<String, Double> rates = throughput.alternate(
                List.of(
                        "raw output(), trained network (conv+BN+ReLU)",
                        foldedRaw,
                        "classify (prepare+normalise+output+verdicts)",
                        "product path (decode+classify)"),
                List.of(rawTrained, rawFolded, classify, product),
                o.batch());
        double rawRate = rates.get(foldedRaw);
        rates.forEach((name, rate) -> out.printf(
                Locale.ROOT, "batched %-50s %8.1f images/s  (%.3f of folded raw)%n", name, rate, rate / rawRate));

        INDArray one = features.get(NDArrayIndex.interval(0, 1)).dup();
        List<String> singles = List.of(
                "single image in-process (decode+classify)",
                "single image raw output(), trained network",
                "single image raw output(), folded network");
        List<Percentiles> latencies = interleaved(
                o.single(),
                List.of(
                        () -> {
                            try {
                                classifier.classify(List.of(decoder.decode(encoded.get(0))));
                            } catch (ImageRejectedException e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        () -> trained.output(one, false),
                        () -> folded.output(one, false)));
        for (int i = 0; i < singles.size(); i++) {
            Percentiles p = latencies.get(i);
            out.printf(
                    Locale.ROOT,
                    "%s, %d calls: p50 %.2f ms, p99 %.2f ms, mean %.2f ms%n",
                    singles.get(i),
                    o.single(),
                    p.at(50),
                    p.at(99),
                    p.mean());
        }

        if (o.heatmaps() > 0) {
            Percentiles heat = latency(o.heatmaps(), () -> OcclusionMap.compute(classifier, prepared.get(0), 16, 8));
            int positions = (int) Math.pow(Math.ceil((shape.height() - 16) / 8.0) + 1, 2);
            out.printf(
                    Locale.ROOT,
                    "occlusion heatmap (patch 16, stride 8, about %d occluded copies), %d runs: p50 %.0f ms, mean %.0f ms%n",
                    positions,
                    o.heatmaps(),
                    heat.at(50),
                    heat.mean());
        }
        memory();
        if (o.http() != null) {
            new HttpRoundTrips(out, o).run(encoded);
        }
    }

    private void memory() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heap = rt.totalMemory() - rt.freeMemory();
        // RSS covers the heap, ND4J's native buffers and the native libraries.
        long physical = org.bytedeco.javacpp.Pointer.physicalBytes();
        out.printf(
                Locale.ROOT,
                "memory: heap used %.0f MB after GC (max %.0f MB), process RSS %.0f MB%n",
                heap / 1e6,
                rt.maxMemory() / 1e6,
                physical / 1e6);
    }

    /** Latency of each call, the calls taking turns so that background load hits them alike. */
    static List<Percentiles> interleaved(int calls, List<Runnable> each) {
        for (int i = 0; i < Math.min(5, calls); i++) {
            each.forEach(Runnable::run);
        }
        double[][] millis = new double[each.size()][calls];
        for (int i = 0; i < calls; i++) {
            for (int c = 0; c < each.size(); c++) {
                long start = System.nanoTime();
                each.get(c).run();
                millis[c][i] = (System.nanoTime() - start) / 1e6;
            }
        }
        List<Percentiles> result = new ArrayList<>();
        for (double[] m : millis) {
            result.add(new Percentiles(m));
        }
        return result;
    }

    static Percentiles latency(int calls, Runnable call) {
        for (int i = 0; i < Math.min(5, calls); i++) {
            call.run();
        }
        double[] millis = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return new Percentiles(millis);
    }

    /** A freshly initialised network of the production architecture (the trainer's defaults). */
    static ModelBundle fresh(BenchmarkOptions o) {
        TrainingSettings s = TrainingSettings.defaults();
        InputShape shape = new InputShape(o.channels(), o.size(), o.size());
        double[] weights = new double[o.classes()];
        Arrays.fill(weights, 1.0);
        var network = DefectNetFactory.build(new NetworkSpec(
                shape,
                o.classes(),
                s.filters(),
                s.stemKernel(),
                s.stemStride(),
                s.convsPerBlock(),
                s.dropoutRetain(),
                s.learningRate(),
                s.l2(),
                s.seed(),
                weights,
                PoolingType.AVG));
        List<String> labels = new ArrayList<>();
        labels.add("good");
        for (int c = 1; c < o.classes(); c++) {
            labels.add("defect" + c);
        }
        double[] mean = new double[o.channels()];
        double[] std = new double[o.channels()];
        Arrays.fill(mean, 128);
        Arrays.fill(std, 50);
        ModelContract contract = new ModelContract(
                ModelContract.FORMAT_VERSION,
                labels,
                shape,
                mean,
                std,
                List.of("good"),
                0.5,
                s.reviewLow(),
                s.reviewHigh(),
                Map.of(),
                s.describe());
        return new ModelBundle(network, contract);
    }

    /** Distinct noisy PNGs at the model's input size, so decoding and resizing cost what they would. */
    static List<byte[]> images(int count, InputShape shape) {
        Random random = new Random(7);
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int type = shape.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
            BufferedImage image = new BufferedImage(shape.width(), shape.height(), type);
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    int v = 100 + random.nextInt(80);
                    image.setRGB(x, y, (v << 16) | (v << 8) | v);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            images.add(png.toByteArray());
        }
        return images;
    }
}
