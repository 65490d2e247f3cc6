package io.linewatch.quality.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link ModelBundle} in the form the model registry stores. The registry validates every
 * artifact by restoring it with DL4J's {@code ModelSerializer}, so the network's own entries sit at
 * the top of the zip and the {@link ModelContract} rides along as one extra entry,
 * {@value #CONTRACT_ENTRY} (DL4J ignores entries it does not know). The same contract is also sent
 * as the version's registry metadata ({@link #metadata}); the loader checks that both agree.
 */
public final class RegistryArtifact {

    public static final String CONTRACT_ENTRY = "linewatch-quality-contract.json";
    public static final String TASK = "defect-cnn";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RegistryArtifact() {}

    public static byte[] write(ModelBundle bundle) throws IOException {
        ByteArrayOutputStream network = new ByteArrayOutputStream();
        ModelSerializer.writeModel(bundle.network(), network, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var entry : entries(network.toByteArray()).entrySet()) {
                put(zip, entry.getKey(), entry.getValue());
            }
            put(zip, CONTRACT_ENTRY, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(bundle.contract()));
        }
        return out.toByteArray();
    }

    /** Reads the registry form, or a bundle file as written by {@code train} / {@link ModelBundle#save}. */
    public static ModelBundle read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Map<String, byte[]> parts = entries(bytes);
        if (parts.containsKey(ModelBundle.NETWORK) && parts.containsKey(ModelBundle.CONTRACT)) {
            return ModelBundle.read(new ByteArrayInputStream(bytes));
        }
        byte[] contractJson = parts.get(CONTRACT_ENTRY);
        if (contractJson == null) {
            throw new IOException("not a quality model: " + file.getFileName() + " has no " + CONTRACT_ENTRY);
        }
        ModelContract contract = JSON.readValue(contractJson, ModelContract.class);
        if (contract.formatVersion() != ModelContract.FORMAT_VERSION) {
            throw new IOException("unsupported contract format " + contract.formatVersion());
        }
        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
        return new ModelBundle(network, contract);
    }

    /**
     * The registry metadata that describes the bundle: {@code contract} (shapes, labels, channels,
     * good classes), {@code normalizer} (per-channel mean and std, pixel units) and
     * {@code thresholds} (defect threshold and review band).
     */
    public static Map<String, Object> describe(ModelContract c) {
        Map<String, Object> contract = new LinkedHashMap<>();
        contract.put(
                "inputShape",
                List.of(c.input().channels(), c.input().height(), c.input().width()));
        contract.put("outputShape", List.of(c.labels().size()));
        contract.put("classLabels", c.labels());
        contract.put("channels", c.input().channels());
        contract.put("imageHeight", c.input().height());
        contract.put("imageWidth", c.input().width());
        contract.put("goodClasses", c.goodClasses());
        contract.put("layout", "[batch, channels, height, width]");
        contract.put("resize", "aspect kept, centred, padded with the mean");
        Map<String, Object> normalizer = new LinkedHashMap<>();
        normalizer.put("type", "per-channel-standard");
        normalizer.put("mean", toList(c.mean()));
        normalizer.put("std", toList(c.std()));
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("defectThreshold", c.defectThreshold());
        thresholds.put("reviewLow", c.reviewLow());
        thresholds.put("reviewHigh", c.reviewHigh());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("contract", contract);
        metadata.put("normalizer", normalizer);
        metadata.put("thresholds", thresholds);
        return metadata;
    }

    private static List<Double> toList(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    private static Map<String, byte[]> entries(byte[] zipBytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
