package io.linewatch.quality.image;

/** Separable resampling of one plane with a triangle (bilinear) kernel, antialiased when shrinking. */
final class Resampler {

    private Resampler() {}

    static float[] resize(float[] src, int w, int h, int nw, int nh) {
        if (w == nw && h == nh) {
            return src.clone();
        }
        float[] horizontal = new float[nw * h];
        Kernel kx = Kernel.of(w, nw);
        for (int y = 0; y < h; y++) {
            kx.apply(src, y * w, 1, horizontal, y * nw, 1);
        }
        float[] out = new float[nw * nh];
        Kernel ky = Kernel.of(h, nh);
        for (int x = 0; x < nw; x++) {
            ky.apply(horizontal, x, nw, out, x, nw);
        }
        return out;
    }

    /** Precomputed taps for one axis: for each output index, a first input index and weights. */
    private record Kernel(int[] first, float[][] weights) {

        static Kernel of(int in, int out) {
            double ratio = (double) in / out;
            double support = Math.max(1.0, ratio);
            int[] first = new int[out];
            float[][] weights = new float[out][];
            for (int o = 0; o < out; o++) {
                double centre = (o + 0.5) * ratio - 0.5;
                int lo = Math.max(0, (int) Math.floor(centre - support + 1e-9));
                int hi = Math.min(in - 1, (int) Math.ceil(centre + support - 1e-9));
                float[] w = new float[hi - lo + 1];
                double sum = 0;
                for (int i = lo; i <= hi; i++) {
                    double t = 1.0 - Math.abs(i - centre) / support;
                    w[i - lo] = (float) Math.max(0, t);
                    sum += w[i - lo];
                }
                if (sum <= 0) {
                    int nearest = (int) Math.min(in - 1, Math.max(0, Math.round(centre)));
                    first[o] = nearest;
                    weights[o] = new float[] {1f};
                    continue;
                }
                for (int i = 0; i < w.length; i++) {
                    w[i] /= (float) sum;
                }
                first[o] = lo;
                weights[o] = w;
            }
            return new Kernel(first, weights);
        }

        void apply(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride) {
            for (int o = 0; o < first.length; o++) {
                float[] w = weights[o];
                int base = srcOffset + first[o] * srcStride;
                float acc = 0;
                for (int i = 0; i < w.length; i++) {
                    acc += w[i] * src[base + i * srcStride];
                }
                dst[dstOffset + o * dstStride] = acc;
            }
        }
    }
}
