package io.linewatch.quality.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * Metrics of a multi-class classifier on a test set, plus the good-vs-defect view when some labels
 * mean a good part: ROC AUC of {@code pDefect}, binary accuracy at {@code threshold}, and per
 * defect class the share of its images flagged as defective (recall of the line's real question,
 * "is this part bad?").
 */
public record ClassificationReport(
        List<String> labels,
        int[][] confusion,
        double accuracy,
        double[] precision,
        double[] recall,
        double[] f1,
        boolean[] good,
        double rocAuc,
        double binaryAccuracy,
        double[] defectRecall,
        double threshold) {

    /**
     * @param truth true label index per image
     * @param predicted predicted label index per image
     * @param pDefect probability of any non-good label per image (ignored without good labels)
     */
    public static ClassificationReport of(
            List<String> labels, boolean[] good, int[] truth, int[] predicted, double[] pDefect, double threshold) {
        int k = labels.size();
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
            correct += truth[i] == predicted[i] ? 1 : 0;
        }
        double[] precision = new double[k];
        double[] recall = new double[k];
        double[] f1 = new double[k];
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int predictedC = 0;
            int actualC = 0;
            for (int o = 0; o < k; o++) {
                predictedC += confusion[o][c];
                actualC += confusion[c][o];
            }
            precision[c] = predictedC == 0 ? Double.NaN : (double) tp / predictedC;
            recall[c] = actualC == 0 ? Double.NaN : (double) tp / actualC;
            f1[c] = precision[c] + recall[c] > 0 ? 2 * precision[c] * recall[c] / (precision[c] + recall[c]) : 0;
        }
        boolean anyGood = false;
        for (boolean g : good) {
            anyGood |= g;
        }
        double auc = Double.NaN;
        double binaryAccuracy = Double.NaN;
        double[] defectRecall = new double[k];
        java.util.Arrays.fill(defectRecall, Double.NaN);
        if (anyGood) {
            boolean[] defective = new boolean[truth.length];
            int binaryCorrect = 0;
            int[] flagged = new int[k];
            int[] total = new int[k];
            for (int i = 0; i < truth.length; i++) {
                defective[i] = !good[truth[i]];
                boolean flaggedDefect = pDefect[i] >= threshold;
                binaryCorrect += flaggedDefect == defective[i] ? 1 : 0;
                total[truth[i]]++;
                flagged[truth[i]] += flaggedDefect ? 1 : 0;
            }
            auc = RocAuc.of(pDefect, defective);
            binaryAccuracy = truth.length == 0 ? Double.NaN : (double) binaryCorrect / truth.length;
            for (int c = 0; c < k; c++) {
                if (!good[c] && total[c] > 0) {
                    defectRecall[c] = (double) flagged[c] / total[c];
                }
            }
        }
        return new ClassificationReport(
                labels,
                confusion,
                truth.length == 0 ? Double.NaN : (double) correct / truth.length,
                precision,
                recall,
                f1,
                good.clone(),
                auc,
                binaryAccuracy,
                defectRecall,
                threshold);
    }

    /** A plain-text report for the terminal. */
    public String format() {
        StringBuilder out = new StringBuilder();
        int width = Math.max(12, labels.stream().mapToInt(String::length).max().orElse(0) + 2);
        int total = 0;
        for (int[] row : confusion) {
            for (int v : row) {
                total += v;
            }
        }
        out.append(String.format(Locale.ROOT, "test images: %d%n", total));
        out.append(String.format(Locale.ROOT, "accuracy (%d classes): %.4f%n", labels.size(), accuracy));
        out.append(String.format(
                Locale.ROOT, "%-" + width + "s %9s %9s %9s %7s%n", "class", "precision", "recall", "f1", "n"));
        for (int c = 0; c < labels.size(); c++) {
            int n = 0;
            for (int v : confusion[c]) {
                n += v;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "%-" + width + "s %9.4f %9.4f %9.4f %7d%n",
                    labels.get(c),
                    precision[c],
                    recall[c],
                    f1[c],
                    n));
        }
        out.append("confusion matrix (rows = true, columns = predicted):\n");
        out.append(String.format(Locale.ROOT, "%-" + width + "s", ""));
        for (int c = 0; c < labels.size(); c++) {
            out.append(String.format(Locale.ROOT, " %6s", "[" + c + "]"));
        }
        out.append('\n');
        for (int r = 0; r < labels.size(); r++) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s", "[" + r + "] " + labels.get(r)));
            for (int c = 0; c < labels.size(); c++) {
                out.append(String.format(Locale.ROOT, " %6d", confusion[r][c]));
            }
            out.append('\n');
        }
        if (!Double.isNaN(binaryAccuracy)) {
            out.append(String.format(Locale.ROOT, "good vs defect ROC AUC: %.4f%n", rocAuc));
            out.append(String.format(
                    Locale.ROOT, "good vs defect accuracy (p_defect >= %.2f): %.4f%n", threshold, binaryAccuracy));
            out.append("defect recall per class (share flagged as defective):\n");
            for (int c = 0; c < labels.size(); c++) {
                if (!good[c]) {
                    out.append(String.format(Locale.ROOT, "  %-" + width + "s %.4f%n", labels.get(c), defectRecall[c]));
                }
            }
        } else {
            out.append("good vs defect: no good class among the labels\n");
        }
        return out.toString();
    }
}
