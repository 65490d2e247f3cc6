package io.linewatch.monitor.cli;

import io.linewatch.monitor.model.AutoencoderSpec;
import io.linewatch.monitor.model.ForecasterSpec;
import io.linewatch.monitor.model.LstmAutoencoderFactory;
import io.linewatch.monitor.model.LstmForecasterFactory;
import io.linewatch.monitor.scoring.StreamingForecastScorer;
import io.linewatch.monitor.training.NetworkTrainer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code benchmark}: raw DL4J throughput of the monitor's networks on this machine, one thread:
 * autoencoder {@code output()} per batch size, streaming-forecaster steps for many machines
 * (raw {@code rnnTimeStep} on one batch vs. the scorer that also swaps per-machine state), and
 * training time per epoch. Figures only; nothing here is asserted.
 */
final class BenchmarkCommand {

    private BenchmarkCommand() {}

    static int run(String[] args, PrintStream out) {
        Options options = new Options(args, 1, Set.of("sensors", "machines", "seconds"));
        int sensors = options.integer("sensors", 8);
        int machines = options.integer("machines", 1000);
        double seconds = options.decimal("seconds", 2.0);
        out.printf(
                Locale.ROOT,
                "benchmark: %d sensors, OMP_NUM_THREADS=%s, %d cores%n",
                sensors,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"),
                Runtime.getRuntime().availableProcessors());

        MultiLayerNetwork autoencoder = LstmAutoencoderFactory.create(new AutoencoderSpec(sensors, 10, 32, 0.005, 42L));
        for (int batch : new int[] {1, 32, 256, 1024}) {
            INDArray windows = Nd4j.rand(batch, sensors, 10);
            double perSecond = batch * rate(() -> autoencoder.output(windows, false), seconds);
            out.printf(
                    Locale.ROOT, "autoencoder W=10 units=32 output() batch %5d: %10.0f windows/s%n", batch, perSecond);
        }

        MultiLayerNetwork forecaster = LstmForecasterFactory.streaming(ForecasterSpec.classicStacked(sensors, 1));
        StreamingForecastScorer scorer = new StreamingForecastScorer(forecaster.clone());
        List<String> ids = new ArrayList<>();
        for (int m = 0; m < machines; m++) {
            ids.add("machine-" + m);
        }
        // raw and scorer calls alternate, so both see the same contention from other processes
        INDArray step = Nd4j.rand(machines, sensors);
        double[][] samples = step.toDoubleMatrix();
        forecaster.rnnClearPreviousState();
        double[] all = interleaved(() -> forecaster.rnnTimeStep(step), () -> scorer.step(ids, samples), seconds);
        out.printf(
                Locale.ROOT,
                "streaming forecaster 3xLSTM(50), %d machines all due: raw rnnTimeStep %10.0f samples/s,"
                        + " scorer with per-machine state %10.0f samples/s (%.2f of raw)%n",
                machines,
                machines * all[0],
                machines * all[1],
                all[1] / all[0]);
        // a Kafka batch rarely holds every machine: half of them, in random order, each step
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(1));
        List<String> half = shuffled.subList(0, machines / 2);
        double[][] halfSamples = Arrays.copyOf(samples, half.size());
        INDArray halfStep = Nd4j.rand(half.size(), sensors);
        forecaster.rnnClearPreviousState();
        double[] some =
                interleaved(() -> forecaster.rnnTimeStep(halfStep), () -> scorer.step(half, halfSamples), seconds);
        out.printf(
                Locale.ROOT,
                "streaming forecaster 3xLSTM(50), %d of them due, random order: raw rnnTimeStep %10.0f samples/s,"
                        + " scorer %10.0f samples/s (%.2f of raw)%n",
                half.size(),
                half.size() * some[0],
                half.size() * some[1],
                some[1] / some[0]);

        INDArray training = Nd4j.rand(300, sensors, 10);
        var report = new NetworkTrainer(3, 32, 3, 42L).fit(autoencoder, training, training, null);
        out.printf(
                Locale.ROOT,
                "autoencoder training, 300 windows x W=10, batch 32: %.0f ms/epoch%n",
                report.millisPerEpoch());
        MultiLayerNetwork classic = LstmForecasterFactory.windowed(ForecasterSpec.classicStacked(sensors, 50));
        INDArray features = Nd4j.rand(320, sensors, 50);
        INDArray labels = Nd4j.rand(320, sensors);
        var classicReport = new NetworkTrainer(2, 32, 2, 42L).fit(classic, features, labels, null);
        out.printf(
                Locale.ROOT,
                "classic stacked forecaster training, 320 windows x W=50, batch 32: %.0f ms/epoch%n",
                classicReport.millisPerEpoch());
        return 0;
    }

    /** Calls per second of {@code a} and of {@code b}, called in turn, after a warm-up, for at least {@code seconds}. */
    private static double[] interleaved(Runnable a, Runnable b, double seconds) {
        for (int i = 0; i < 3; i++) {
            a.run();
            b.run();
        }
        long inA = 0;
        long inB = 0;
        long calls = 0;
        while (inA + inB < seconds * 1e9) {
            long t0 = System.nanoTime();
            a.run();
            long t1 = System.nanoTime();
            b.run();
            inA += t1 - t0;
            inB += System.nanoTime() - t1;
            calls++;
        }
        return new double[] {calls / (inA / 1e9), calls / (inB / 1e9)};
    }

    /** Calls per second of {@code work} after a warm-up, measured for at least {@code seconds}. */
    private static double rate(Runnable work, double seconds) {
        for (int i = 0; i < 3; i++) {
            work.run();
        }
        long start = System.nanoTime();
        long calls = 0;
        while (System.nanoTime() - start < seconds * 1e9) {
            work.run();
            calls++;
        }
        return calls / ((System.nanoTime() - start) / 1e9);
    }
}
