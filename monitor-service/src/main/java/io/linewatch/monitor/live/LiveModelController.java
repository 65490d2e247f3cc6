package io.linewatch.monitor.live;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/live-models} (role READ): every registry model this instance scores with,
 * the version serving and why the last version was not taken (e.g. its smoke test failed).
 */
@RestController
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
class LiveModelController {

    private final LiveModels models;

    LiveModelController(LiveModels models) {
        this.models = models;
    }

    @GetMapping("/api/v1/live-models")
    @PreAuthorize("hasRole('READ')")
    List<LiveModels.LiveModelStatus> liveModels() {
        return models.status();
    }
}
