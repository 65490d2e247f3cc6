package io.linewatch.ingest.asset;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * CRUD for lines, machines and sensors. Reading needs role READ; changing needs OPERATE (ADMIN
 * implies it): the people who run the plant describe it, gateways (INGEST) only send data.
 */
@RestController
@RequestMapping("/api/v1")
class AssetController {

    private final AssetRepository repository;
    private final AssetCatalog catalog;

    AssetController(AssetRepository repository, AssetCatalog catalog) {
        this.repository = repository;
        this.catalog = catalog;
    }

    @GetMapping("/lines")
    @PreAuthorize("hasRole('READ')")
    List<Line> lines() {
        return repository.lines();
    }

    @GetMapping("/lines/{id}")
    @PreAuthorize("hasRole('READ')")
    Line line(@PathVariable String id) {
        return repository.line(id).orElseThrow(() -> notFound("line", id));
    }

    @PostMapping("/lines")
    @PreAuthorize("hasRole('OPERATE')")
    ResponseEntity<Line> createLine(@Valid @RequestBody Line line) {
        write(
                () -> {
                    repository.insertLine(line);
                    return true;
                },
                "line",
                line.id());
        return ResponseEntity.created(URI.create("/api/v1/lines/" + line.id())).body(line);
    }

    @PutMapping("/lines/{id}")
    @PreAuthorize("hasRole('OPERATE')")
    Line updateLine(@PathVariable String id, @Valid @RequestBody Line line) {
        requireSameId(id, line.id());
        if (!repository.updateLine(line)) {
            throw notFound("line", id);
        }
        return line;
    }

    @DeleteMapping("/lines/{id}")
    @PreAuthorize("hasRole('OPERATE')")
    ResponseEntity<Void> deleteLine(@PathVariable String id) {
        if (!write(() -> repository.deleteLine(id), "line", id)) {
            throw notFound("line", id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/machines")
    @PreAuthorize("hasRole('READ')")
    List<Machine> machines(@RequestParam(required = false) String lineId) {
        return repository.machines(lineId);
    }

    @GetMapping("/machines/{id}")
    @PreAuthorize("hasRole('READ')")
    Machine machine(@PathVariable String id) {
        return repository.machine(id).orElseThrow(() -> notFound("machine", id));
    }

    @PostMapping("/machines")
    @PreAuthorize("hasRole('OPERATE')")
    ResponseEntity<Machine> createMachine(@Valid @RequestBody Machine machine) {
        requireLine(machine.lineId());
        write(
                () -> {
                    repository.insertMachine(machine);
                    return true;
                },
                "machine",
                machine.id());
        catalog.refresh();
        return ResponseEntity.created(URI.create("/api/v1/machines/" + machine.id()))
                .body(repository.machine(machine.id()).orElseThrow());
    }

    @PutMapping("/machines/{id}")
    @PreAuthorize("hasRole('OPERATE')")
    Machine updateMachine(@PathVariable String id, @Valid @RequestBody Machine machine) {
        requireSameId(id, machine.id());
        requireLine(machine.lineId());
        if (!repository.updateMachine(machine)) {
            throw notFound("machine", id);
        }
        return repository.machine(id).orElseThrow();
    }

    @DeleteMapping("/machines/{id}")
    @PreAuthorize("hasRole('OPERATE')")
    ResponseEntity<Void> deleteMachine(@PathVariable String id) {
        if (!repository.deleteMachine(id)) {
            throw notFound("machine", id);
        }
        catalog.refresh();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/machines/{id}/sensors")
    @PreAuthorize("hasRole('READ')")
    List<Sensor> sensors(@PathVariable String id) {
        machine(id);
        return repository.sensors(id);
    }

    @GetMapping("/machines/{id}/sensors/{name}")
    @PreAuthorize("hasRole('READ')")
    Sensor sensor(@PathVariable String id, @PathVariable String name) {
        return repository.sensor(id, name).orElseThrow(() -> notFound("sensor", id + "/" + name));
    }

    /** Creates or replaces a sensor: 201 when it is new, 200 when it replaced one. */
    @PutMapping("/machines/{id}/sensors/{name}")
    @PreAuthorize("hasRole('OPERATE')")
    ResponseEntity<Sensor> putSensor(
            @PathVariable String id, @PathVariable String name, @Valid @RequestBody Sensor sensor) {
        if (!name.equals(sensor.name())) {
            throw mismatch("name", name, sensor.name());
        }
        if (sensor.min() != null && sensor.max() != null && sensor.min() > sensor.max()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    ProblemTypes.VALIDATION,
                    "Sensor '" + name + "': min " + sensor.min() + " is greater than max " + sensor.max() + ".",
                    java.util.Map.of("field", "min"));
        }
        machine(id);
        boolean created = repository.upsertSensor(id, sensor);
        catalog.refresh();
        Sensor stored = repository.sensor(id, name).orElseThrow();
        return created
                ? ResponseEntity.created(URI.create("/api/v1/machines/" + id + "/sensors/" + name))
                        .body(stored)
                : ResponseEntity.ok(stored);
    }

    @DeleteMapping("/machines/{id}/sensors/{name}")
    @PreAuthorize("hasRole('OPERATE')")
    ResponseEntity<Void> deleteSensor(@PathVariable String id, @PathVariable String name) {
        if (!repository.deleteSensor(id, name)) {
            throw notFound("sensor", id + "/" + name);
        }
        catalog.refresh();
        return ResponseEntity.noContent().build();
    }

    private void requireLine(String lineId) {
        if (lineId != null && repository.line(lineId).isEmpty()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    ProblemTypes.VALIDATION,
                    "Line '" + lineId + "' does not exist; create it first.",
                    java.util.Map.of("field", "lineId"));
        }
    }

    private static boolean write(Supplier<Boolean> change, String kind, String id) {
        try {
            return change.get();
        } catch (DuplicateKeyException e) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "A " + kind + " with id '" + id + "' already exists.");
        } catch (DataIntegrityViolationException e) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    ProblemTypes.CONFLICT,
                    "The " + kind + " '" + id + "' is still referenced (e.g. a line that has machines).");
        }
    }

    private static void requireSameId(String path, String body) {
        if (!path.equals(body)) {
            throw mismatch("id", path, body);
        }
    }

    private static ProblemException mismatch(String field, String path, String body) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION,
                "The path says '" + path + "' but the body's " + field + " is '" + body + "'.",
                java.util.Map.of("field", field));
    }

    private static ProblemException notFound(String kind, String id) {
        return new ProblemException(
                HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No " + kind + " '" + id + "' exists.");
    }
}
