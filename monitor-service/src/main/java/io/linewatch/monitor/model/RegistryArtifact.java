package io.linewatch.monitor.model;

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

/**
 * A {@link ModelBundle} in the form the model registry stores: the registry validates every
 * artifact by restoring it with DL4J's {@code ModelSerializer}, so the network's own entries sit
 * at the top of the zip and the bundle's {@code manifest.properties} rides along as one extra entry
 * (DL4J ignores entries it does not know). {@link #read} accepts this form and the nested bundle
 * file written by {@code train}.
 */
public final class RegistryArtifact {

    private RegistryArtifact() {}

    public static byte[] write(ModelBundle bundle) throws IOException {
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        bundle.write(nested);
        Map<String, byte[]> parts = entries(nested.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var entry : entries(parts.get(ModelBundle.NETWORK)).entrySet()) {
                put(zip, entry.getKey(), entry.getValue());
            }
            put(zip, ModelBundle.MANIFEST, parts.get(ModelBundle.MANIFEST));
        }
        return out.toByteArray();
    }

    public static ModelBundle read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Map<String, byte[]> parts = entries(bytes);
        if (parts.containsKey(ModelBundle.NETWORK)) {
            return ModelBundle.read(new ByteArrayInputStream(bytes));
        }
        byte[] manifest = parts.get(ModelBundle.MANIFEST);
        if (manifest == null) {
            throw new IOException("not a monitor model: " + file + " has no " + ModelBundle.MANIFEST);
        }
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(nested)) {
            put(zip, ModelBundle.MANIFEST, manifest);
            put(zip, ModelBundle.NETWORK, bytes);
        }
        return ModelBundle.read(new ByteArrayInputStream(nested.toByteArray()));
    }

    /** The registry's version metadata for the bundle: contract, normalizer and threshold. */
    public static Map<String, Object> metadata(ModelBundle bundle, String description) {
        List<Integer> shape = List.of(bundle.sensors().size(), bundle.window());
        Map<String, Object> contract = new LinkedHashMap<>();
        contract.put("inputShape", shape);
        contract.put("outputShape", shape);
        contract.put("sensors", bundle.sensors());
        contract.put("windowLength", bundle.window());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("description", description);
        metadata.put("contract", contract);
        metadata.put(
                "normalizer",
                Map.of(
                        "means", bundle.normalizer().means(),
                        "scales", bundle.normalizer().scales(),
                        "differenced", bundle.normalizer().differenced()));
        metadata.put(
                "thresholds",
                Map.of(
                        "anomaly", bundle.threshold().value(),
                        "percentile", bundle.threshold().percentile(),
                        "factor", bundle.threshold().factor()));
        metadata.put("hyperparameters", Map.of("kind", bundle.kind().name()));
        return metadata;
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
