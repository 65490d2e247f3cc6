package io.linewatch.quality.trainingjob;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/training-jobs}: submit, follow and cancel training jobs (role MODEL_ADMIN). */
@RestController
@RequestMapping("/api/v1/training-jobs")
class TrainingJobController {

    private final TrainingJobService service;

    TrainingJobController(TrainingJobService service) {
        this.service = service;
    }

    @PostMapping
    @PreAuthorize("hasRole('MODEL_ADMIN')")
    ResponseEntity<TrainingJob> submit(@RequestBody TrainingJobRequest request, Principal caller) {
        TrainingJob job = service.submit(request, caller == null ? null : caller.getName());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/training-jobs/" + job.id()))
                .body(job);
    }

    @GetMapping
    @PreAuthorize("hasRole('MODEL_ADMIN')")
    List<TrainingJob> latest() {
        return service.latest(100);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('MODEL_ADMIN')")
    TrainingJob get(@PathVariable String id) {
        return service.get(uuid(id));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('MODEL_ADMIN')")
    ResponseEntity<TrainingJob> cancel(@PathVariable String id) {
        return ResponseEntity.accepted().body(service.cancel(uuid(id)));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    ProblemTypes.VALIDATION,
                    "id must be a training job UUID, got '" + id + "'",
                    Map.of("parameter", "id"));
        }
    }
}
