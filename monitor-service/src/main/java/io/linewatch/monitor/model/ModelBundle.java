package io.linewatch.monitor.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A trained detector as one self-describing file: the network, the normalizer fitted on its
 * training rows, each sensor's typical error on held-back normal data (the scale its errors are
 * divided by), the calibrated threshold, the alarm policy and the input contract (sensor names in
 * order, window length) and, for the streaming forecaster, the warm-up: how many steps a state
 * started from zero takes before its scores count (measured on held-back data; the window
 * otherwise, and when an older manifest has none). It is a zip with {@code manifest.properties} (plain text, readable without
 * DL4J) and {@code network.zip} (DL4J's own format, without updater state); the registry can store
 * it as an opaque blob and read the manifest for its metadata.
 */
public record ModelBundle(
        ModelKind kind,
        List<String> sensors,
        int window,
        SensorNormalizer normalizer,
        double[] errorScales,
        Threshold threshold,
        AlarmPolicy policy,
        MultiLayerNetwork network,
        int warmUp) {

    public static final int FORMAT_VERSION = 1;
    static final String MANIFEST = "manifest.properties";
    static final String NETWORK = "network.zip";

    public ModelBundle {
        if (warmUp < window) {
            throw new IllegalArgumentException(
                    "the warm-up (" + warmUp + ") is shorter than the window (" + window + ")");
        }
        sensors = List.copyOf(sensors);
        if (sensors.size() != normalizer.sensors() || sensors.size() != errorScales.length) {
            throw new IllegalArgumentException("sensor list, normalizer and error scales differ in size");
        }
        errorScales = errorScales.clone();
    }

    @Override
    public double[] errorScales() {
        return errorScales.clone();
    }

    /** A scorer over this bundle's network (for one thread; clone the network for more). */
    public io.linewatch.monitor.scoring.AutoencoderScorer scorer(int batchSize) {
        return new io.linewatch.monitor.scoring.AutoencoderScorer(network, window, batchSize, errorScales);
    }

    public void save(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
        }
    }

    public void write(OutputStream target) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(target)) {
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifest().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            ByteArrayOutputStream net = new ByteArrayOutputStream();
            ModelSerializer.writeModel(network, net, false);
            zip.putNextEntry(new ZipEntry(NETWORK));
            zip.write(net.toByteArray());
            zip.closeEntry();
        }
    }

    public static ModelBundle load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static ModelBundle read(InputStream source) throws IOException {
        Properties manifest = null;
        MultiLayerNetwork network = null;
        try (ZipInputStream zip = new ZipInputStream(source)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                byte[] bytes = zip.readAllBytes();
                if (MANIFEST.equals(entry.getName())) {
                    manifest = new Properties();
                    manifest.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
                } else if (NETWORK.equals(entry.getName())) {
                    network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
                }
            }
        }
        if (manifest == null || network == null) {
            throw new IOException("not a model bundle: " + MANIFEST + " or " + NETWORK + " missing");
        }
        return fromManifest(manifest, network);
    }

    private String manifest() throws IOException {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT_VERSION));
        p.setProperty("kind", kind.name());
        p.setProperty("sensors", String.join(",", sensors));
        p.setProperty("window", Integer.toString(window));
        p.setProperty("warmUp", Integer.toString(warmUp));
        p.setProperty("normalizer.means", join(normalizer.means()));
        p.setProperty("normalizer.scales", join(normalizer.scales()));
        boolean[] differenced = normalizer.differenced();
        StringBuilder flags = new StringBuilder();
        for (int s = 0; s < differenced.length; s++) {
            flags.append(s == 0 ? "" : ",").append(differenced[s]);
        }
        p.setProperty("normalizer.differenced", flags.toString());
        p.setProperty("errorScales", join(errorScales));
        p.setProperty("threshold.percentile", Double.toString(threshold.percentile()));
        p.setProperty("threshold.factor", Double.toString(threshold.factor()));
        p.setProperty("threshold.calibrationPercentileScore", Double.toString(threshold.calibrationPercentileScore()));
        p.setProperty("threshold.calibrationWindows", Integer.toString(threshold.calibrationWindows()));
        p.setProperty("threshold.value", Double.toString(threshold.value()));
        p.setProperty("policy.debounce", Integer.toString(policy.debounce()));
        p.setProperty("policy.clearRatio", Double.toString(policy.clearRatio()));
        p.setProperty("policy.clearAfter", Integer.toString(policy.clearAfter()));
        p.setProperty("policy.smoothing", Double.toString(policy.smoothing()));
        StringWriter text = new StringWriter();
        p.store(text, "LineWatch monitor model bundle");
        return text.toString();
    }

    private static ModelBundle fromManifest(Properties p, MultiLayerNetwork network) throws IOException {
        String format = p.getProperty("format");
        if (!Integer.toString(FORMAT_VERSION).equals(format)) {
            throw new IOException("unsupported model bundle format " + format);
        }
        return new ModelBundle(
                ModelKind.valueOf(p.getProperty("kind")),
                List.of(p.getProperty("sensors").split(",", -1)),
                Integer.parseInt(p.getProperty("window")),
                new SensorNormalizer(
                        split(p.getProperty("normalizer.means")),
                        split(p.getProperty("normalizer.scales")),
                        flags(p.getProperty("normalizer.differenced"))),
                split(p.getProperty("errorScales")),
                new Threshold(
                        Double.parseDouble(p.getProperty("threshold.percentile")),
                        Double.parseDouble(p.getProperty("threshold.factor")),
                        Double.parseDouble(p.getProperty("threshold.calibrationPercentileScore")),
                        Integer.parseInt(p.getProperty("threshold.calibrationWindows"))),
                new AlarmPolicy(
                        Integer.parseInt(p.getProperty("policy.debounce")),
                        Double.parseDouble(p.getProperty("policy.clearRatio")),
                        Integer.parseInt(p.getProperty("policy.clearAfter")),
                        Double.parseDouble(p.getProperty("policy.smoothing"))),
                network,
                Integer.parseInt(p.getProperty("warmUp", p.getProperty("window"))));
    }

    private static String join(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    private static boolean[] flags(String text) {
        String[] parts = text.split(",");
        boolean[] out = new boolean[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Boolean.parseBoolean(parts[i]);
        }
        return out;
    }

    private static double[] split(String text) {
        return Arrays.stream(text.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
