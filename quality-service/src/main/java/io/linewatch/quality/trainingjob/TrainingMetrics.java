package io.linewatch.quality.trainingjob;

import io.linewatch.quality.evaluation.ClassificationReport;
import io.linewatch.quality.training.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registered metrics: test-set report plus the trainer's validation figures. NaN becomes null (JSON). */
final class TrainingMetrics {

    private TrainingMetrics() {}

    static Map<String, Object> of(ClassificationReport report, TrainingResult result, int testImages) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("testImages", testImages);
        m.put("accuracy", finite(report.accuracy()));
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int c = 0; c < report.labels().size(); c++) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("precision", finite(report.precision()[c]));
            one.put("recall", finite(report.recall()[c]));
            one.put("f1", finite(report.f1()[c]));
            int support = 0;
            for (int v : report.confusion()[c]) {
                support += v;
            }
            one.put("support", support);
            if (!Double.isNaN(report.defectRecall()[c])) {
                one.put("flaggedAsDefect", report.defectRecall()[c]);
            }
            perClass.put(report.labels().get(c), one);
        }
        m.put("perClass", perClass);
        List<List<Integer>> confusion = new ArrayList<>();
        for (int[] row : report.confusion()) {
            confusion.add(java.util.Arrays.stream(row).boxed().toList());
        }
        m.put("confusionMatrix", confusion);
        m.put("confusionLabels", report.labels());
        m.put("rocAucGoodVsDefect", finite(report.rocAuc()));
        m.put("binaryAccuracy", finite(report.binaryAccuracy()));
        m.put("bestEpoch", result.bestEpoch());
        m.put("epochs", result.history().size());
        Map<String, Double> validation = result.bundle().contract().metrics();
        m.put("validationLoss", finite(validation.getOrDefault("validationLoss", Double.NaN)));
        m.put("validationAccuracy", finite(validation.getOrDefault("validationAccuracy", Double.NaN)));
        return m;
    }

    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
