package io.linewatch.quality.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trained network and its {@link ModelContract} as one artifact: a zip holding
 * {@code contract.json} and {@code network.zip} (DL4J's own format, without updater state). One
 * opaque file is what a model registry stores and serves; nothing else is needed to run it.
 */
public record ModelBundle(MultiLayerNetwork network, ModelContract contract) {

    static final String CONTRACT = "contract.json";
    static final String NETWORK = "network.zip";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public void save(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            write(out);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public void write(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(CONTRACT));
        zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(contract));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(NETWORK));
        ByteArrayOutputStream net = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, net, false);
        net.writeTo(zip);
        zip.closeEntry();
        zip.finish();
    }

    public static ModelBundle load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static ModelBundle read(InputStream in) throws IOException {
        ModelContract contract = null;
        MultiLayerNetwork network = null;
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            byte[] bytes = zip.readAllBytes();
            if (CONTRACT.equals(entry.getName())) {
                contract = JSON.readValue(bytes, ModelContract.class);
            } else if (NETWORK.equals(entry.getName())) {
                network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
            }
        }
        if (contract == null || network == null) {
            throw new IOException("not a model bundle: needs " + CONTRACT + " and " + NETWORK);
        }
        if (contract.formatVersion() != ModelContract.FORMAT_VERSION) {
            throw new IOException("unsupported bundle format " + contract.formatVersion());
        }
        return new ModelBundle(network, contract);
    }
}
