package io.linewatch.monitor.live;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/machines/{id}/health}: state, score and contributions of the machine's latest window. */
@RestController
@ConditionalOnProperty(prefix = "linewatch.monitor.live", name = "enabled", havingValue = "true")
class MachineHealthController {

    private final MachineMonitor monitor;

    MachineHealthController(MachineMonitor monitor) {
        this.monitor = monitor;
    }

    @GetMapping("/api/v1/machines/{id}/health")
    @PreAuthorize("hasRole('READ')")
    MachineHealth health(@PathVariable String id) {
        return monitor.health(id)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        ProblemTypes.NOT_FOUND,
                        "machine '" + id + "' has no scored window on this instance yet",
                        Map.of("machineId", id)));
    }
}
