package io.linewatch.quality.inspection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Prometheus meters: {@code linewatch_inspections_total{verdict,line}} (the defect rate is FAIL
 * over all), {@code linewatch_inspection_inference_seconds} (histogram, one sample per batched
 * call) and {@code linewatch_inspection_images_per_call}.
 */
@Component
class InspectionMetrics {

    private final MeterRegistry registry;
    private final Timer inference;

    InspectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.inference = Timer.builder("linewatch.inspection.inference")
                .description("Model inference time per batched call")
                .publishPercentileHistogram()
                .register(registry);
    }

    void inference(double millis, int images) {
        inference.record(Duration.ofNanos((long) (millis * 1e6)));
        registry.summary("linewatch.inspection.images.per.call").record(images);
    }

    void inspected(Inspection inspection) {
        Counter.builder("linewatch.inspections")
                .tag("verdict", inspection.verdict())
                .tag("line", inspection.line())
                .register(registry)
                .increment();
    }
}
