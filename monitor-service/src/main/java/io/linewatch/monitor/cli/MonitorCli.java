package io.linewatch.monitor.cli;

import io.linewatch.monitor.evaluation.NabEvaluation;
import io.linewatch.monitor.evaluation.SkabEvaluation;
import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.training.DetectorSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

/**
 * Entry point of the command-line subcommands. Returns a process exit code: 0 success, 1 failure
 * (bad data, I/O), 2 usage error.
 */
public final class MonitorCli {

    public static final Set<String> COMMANDS = Set.of("evaluate", "train", "benchmark");

    static final String USAGE = """
            usage:
              evaluate skab --data DIR --out DIR [detector options]
              evaluate nab  --data DIR --out DIR [detector options]
              benchmark [--sensors 8] [--machines 1000] [--seconds 2]
              train --csv FILE --out MODEL.zip [--kind autoencoder|streaming-forecaster] [--separator ;]
                    [--skip-columns datetime,anomaly,changepoint] [detector options]
                    streaming-forecaster only: [--layers 1] or [--preset classic-stacked-lstm]
            detector options (defaults are the documented global settings):
              --window N --units N --epochs N --percentile P --factor F
              --debounce N --clear-ratio R --clear-after N --smoothing A --calibration-fraction C
              --trend-autocorrelation A
            """;

    private static final Set<String> DETECTOR = Set.of(
            "window",
            "units",
            "epochs",
            "percentile",
            "factor",
            "debounce",
            "clear-ratio",
            "clear-after",
            "smoothing",
            "calibration-fraction");

    private final PrintStream out;
    private final PrintStream err;

    public MonitorCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public int run(String[] args) {
        try {
            if (args.length >= 2 && args[0].equals("evaluate") && args[1].equals("skab")) {
                return evaluateSkab(args);
            }
            if (args.length >= 2 && args[0].equals("evaluate") && args[1].equals("nab")) {
                return evaluateNab(args);
            }
            if (args.length >= 1 && args[0].equals("benchmark")) {
                return BenchmarkCommand.run(args, out);
            }
            if (args.length >= 1 && args[0].equals("train")) {
                return TrainCommand.run(args, out, DETECTOR);
            }
            throw new Options.UsageException("unknown command");
        } catch (Options.UsageException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IOException | IllegalArgumentException e) {
            err.println("failed: " + e.getMessage());
            return 1;
        }
    }

    private int evaluateSkab(String[] args) throws IOException {
        Options options = new Options(args, 2, with(DETECTOR, "data", "out"));
        DetectorSettings settings = settings(options, DetectorSettings.defaults());
        out.println("settings: " + settings);
        var result = new SkabEvaluation(settings, out).run(options.path("data"), options.path("out"));
        var c = result.counts();
        out.printf(
                Locale.ROOT,
                "SKAB %d files: F1 %.4f  FAR %.2f%%  MAR %.2f%%  (TP %d FP %d TN %d FN %d)%n",
                result.files(),
                c.f1(),
                100 * c.falseAlarmRate(),
                100 * c.missedAlarmRate(),
                c.tp(),
                c.fp(),
                c.tn(),
                c.fn());
        out.printf(Locale.ROOT, "mean training time per epoch: %.1f ms%n", result.meanMillisPerEpoch());
        return 0;
    }

    private int evaluateNab(String[] args) throws IOException {
        Options options = new Options(args, 2, with(DETECTOR, "data", "out"));
        DetectorSettings settings = settings(options, NabEvaluation.defaults());
        out.println("settings: " + settings);
        var result = new NabEvaluation(settings, out).run(options.path("data"), options.path("out"));
        out.printf(
                Locale.ROOT,
                "NAB standard profile: %.2f (raw %.3f, null %.1f, perfect %.1f, threshold %.6f) over %d files%n",
                result.normalizedScore(),
                result.rawScore(),
                result.nullScore(),
                result.perfectScore(),
                result.threshold(),
                result.files());
        return 0;
    }

    static DetectorSettings settings(Options o, DetectorSettings d) {
        AlarmPolicy p = d.policy();
        return new DetectorSettings(
                o.integer("window", d.window()),
                o.integer("units", d.units()),
                d.learningRate(),
                o.integer("epochs", d.epochs()),
                d.batchSize(),
                d.patience(),
                o.decimal("calibration-fraction", d.calibrationFraction()),
                o.decimal("trend-autocorrelation", d.trendAutocorrelation()),
                o.decimal("percentile", d.percentile()),
                o.decimal("factor", d.factor()),
                new AlarmPolicy(
                        o.integer("debounce", p.debounce()),
                        o.decimal("clear-ratio", p.clearRatio()),
                        o.integer("clear-after", p.clearAfter()),
                        o.decimal("smoothing", p.smoothing())),
                d.seed());
    }

    static Set<String> with(Set<String> base, String... more) {
        var all = new java.util.HashSet<>(base);
        all.addAll(Set.of(more));
        return all;
    }
}
