package io.linewatch.monitor.scoring;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Packs rows of normalised samples into DL4J's recurrent layout [batch, sensors, time]. */
public final class Windows {

    private Windows() {}

    /** Windows of {@code length} rows ending at each index in {@code ends} (inclusive). */
    public static INDArray ending(double[][] rows, int[] ends, int length) {
        int sensors = rows[0].length;
        double[] flat = new double[ends.length * sensors * length];
        for (int b = 0; b < ends.length; b++) {
            int start = ends[b] - length + 1;
            if (start < 0) {
                throw new IllegalArgumentException("window ending at " + ends[b] + " starts before row 0");
            }
            for (int s = 0; s < sensors; s++) {
                int base = (b * sensors + s) * length;
                for (int t = 0; t < length; t++) {
                    flat[base + t] = rows[start + t][s];
                }
            }
        }
        return Nd4j.create(flat, new long[] {ends.length, sensors, length}, 'c');
    }

    /** Every full window whose last row lies in [from, to). */
    public static int[] endsBetween(int from, int to, int length) {
        int first = Math.max(from, length - 1);
        if (to <= first) {
            return new int[0];
        }
        int[] ends = new int[to - first];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = first + i;
        }
        return ends;
    }

    /**
     * Stacks windows given as [window][time][sensor] rows into [batch, sensors, time], in single
     * precision like the networks, so they do not cast a double batch and the residual is
     * computed in one type.
     */
    public static INDArray floats(java.util.List<double[][]> windows) {
        int length = windows.get(0).length;
        int sensors = windows.get(0)[0].length;
        float[] flat = new float[windows.size() * sensors * length];
        for (int b = 0; b < windows.size(); b++) {
            double[][] window = windows.get(b);
            for (int s = 0; s < sensors; s++) {
                int base = (b * sensors + s) * length;
                for (int t = 0; t < length; t++) {
                    flat[base + t] = (float) window[t][s];
                }
            }
        }
        return Nd4j.create(flat, new long[] {windows.size(), sensors, length}, 'c');
    }

    /**
     * A 2-d array as Java rows. One bulk copy of the c-ordered buffer: {@code toDoubleMatrix()}
     * reads element by element and cost more than the network step for 1,000 rows.
     */
    static double[][] rows(INDArray matrix) {
        int n = (int) matrix.size(0);
        int width = (int) matrix.size(1);
        double[] flat = matrix.dup('c').data().asDouble();
        double[][] out = new double[n][width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * width, out[i], 0, width);
        }
        return out;
    }

    /** Like {@link #rows(INDArray)}, in single precision. */
    static float[][] floatRows(INDArray matrix) {
        int n = (int) matrix.size(0);
        int width = (int) matrix.size(1);
        float[] flat = matrix.dup('c').data().asFloat();
        float[][] out = new float[n][width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * width, out[i], 0, width);
        }
        return out;
    }
}
