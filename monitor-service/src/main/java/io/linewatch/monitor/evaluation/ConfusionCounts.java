package io.linewatch.monitor.evaluation;

/**
 * Row-level confusion counts summed over files (micro-average), with SKAB's definitions:
 * F1 = TP / (TP + (FP + FN) / 2), FAR = FP / (FP + TN), MAR = FN / (FN + TP).
 */
public record ConfusionCounts(long tp, long fp, long tn, long fn) {

    public static final ConfusionCounts EMPTY = new ConfusionCounts(0, 0, 0, 0);

    public static ConfusionCounts of(boolean[] predicted, boolean[] actual) {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] && actual[i]) {
                tp++;
            } else if (predicted[i]) {
                fp++;
            } else if (actual[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new ConfusionCounts(tp, fp, tn, fn);
    }

    public ConfusionCounts plus(ConfusionCounts o) {
        return new ConfusionCounts(tp + o.tp, fp + o.fp, tn + o.tn, fn + o.fn);
    }

    public double f1() {
        double d = tp + (fp + fn) / 2.0;
        return d == 0 ? 0 : tp / d;
    }

    public double falseAlarmRate() {
        return fp + tn == 0 ? 0 : (double) fp / (fp + tn);
    }

    public double missedAlarmRate() {
        return fn + tp == 0 ? 0 : (double) fn / (fn + tp);
    }
}
