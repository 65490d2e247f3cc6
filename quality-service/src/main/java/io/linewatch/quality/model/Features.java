package io.linewatch.quality.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Builds a normalised {@code [batch, channels, height, width]} tensor from prepared images. */
public final class Features {

    private Features() {}

    public static INDArray batch(List<float[]> prepared, ModelContract contract) {
        int n = prepared.size();
        int length = contract.input().length();
        int area = contract.input().height() * contract.input().width();
        float[] flat = new float[n * length];
        for (int i = 0; i < n; i++) {
            float[] image = prepared.get(i);
            if (image.length != length) {
                throw new IllegalArgumentException(
                        "prepared image has " + image.length + " values, expected " + length);
            }
            for (int c = 0; c < contract.input().channels(); c++) {
                float mean = (float) contract.mean()[c];
                float inv = (float) (1.0 / contract.std()[c]);
                int base = c * area;
                int out = i * length + base;
                for (int k = 0; k < area; k++) {
                    flat[out + k] = (image[base + k] - mean) * inv;
                }
            }
        }
        return Nd4j.create(
                flat,
                new long[] {
                    n,
                    contract.input().channels(),
                    contract.input().height(),
                    contract.input().width()
                },
                'c');
    }
}
