package io.linewatch.monitor.assignment;

import io.linewatch.common.web.Names;
import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/model-assignments}: read with role READ, change with role OPERATE. Names, aliases,
 * machine ids and types are 1-100 characters of letters, digits, '.', '_' and '-'.
 */
@RestController
@RequestMapping("/api/v1/model-assignments")
class AssignmentController {

    private final ModelAssignments assignments;

    AssignmentController(ModelAssignments assignments) {
        this.assignments = assignments;
    }

    record AssignRequest(String modelName, String alias) {}

    record TypeRequest(String machineType) {}

    record Resolved(String machineId, String machineType, String modelName, String alias) {}

    @GetMapping
    @PreAuthorize("hasRole('READ')")
    List<ModelAssignment> list() {
        return assignments.list();
    }

    @GetMapping("/machines/{machineId}")
    @PreAuthorize("hasRole('READ')")
    Resolved resolve(@PathVariable String machineId) {
        valid("machineId", machineId);
        ModelRef model = assignments
                .resolve(machineId)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        ProblemTypes.NOT_FOUND,
                        "no model is assigned to machine '" + machineId + "' or to its type",
                        Map.of("machineId", machineId)));
        return new Resolved(machineId, assignments.machineType(machineId), model.modelName(), model.alias());
    }

    @PutMapping("/machines/{machineId}")
    @PreAuthorize("hasRole('OPERATE')")
    ModelRef assignMachine(@PathVariable String machineId, @RequestBody AssignRequest request) {
        return assign(ModelAssignment.MACHINE, valid("machineId", machineId), request);
    }

    @PutMapping("/types/{machineType}")
    @PreAuthorize("hasRole('OPERATE')")
    ModelRef assignType(@PathVariable String machineType, @RequestBody AssignRequest request) {
        return assign(ModelAssignment.TYPE, valid("machineType", machineType), request);
    }

    @DeleteMapping("/machines/{machineId}")
    @PreAuthorize("hasRole('OPERATE')")
    ResponseEntity<Void> unassignMachine(@PathVariable String machineId) {
        return unassign(ModelAssignment.MACHINE, valid("machineId", machineId));
    }

    @DeleteMapping("/types/{machineType}")
    @PreAuthorize("hasRole('OPERATE')")
    ResponseEntity<Void> unassignType(@PathVariable String machineType) {
        return unassign(ModelAssignment.TYPE, valid("machineType", machineType));
    }

    @PutMapping("/machines/{machineId}/type")
    @PreAuthorize("hasRole('OPERATE')")
    Map<String, String> declareType(@PathVariable String machineId, @RequestBody TypeRequest request) {
        valid("machineId", machineId);
        valid("machineType", request == null ? null : request.machineType());
        assignments.declareType(machineId, request.machineType());
        Map<String, String> body = new LinkedHashMap<>();
        body.put("machineId", machineId);
        body.put("machineType", request.machineType());
        return body;
    }

    private ModelRef assign(String scope, String target, AssignRequest request) {
        valid("modelName", request == null ? null : request.modelName());
        valid("alias", request.alias());
        ModelRef model = new ModelRef(request.modelName(), request.alias());
        assignments.assign(scope, target, model);
        return model;
    }

    private ResponseEntity<Void> unassign(String scope, String target) {
        if (!assignments.unassign(scope, target)) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND,
                    ProblemTypes.NOT_FOUND,
                    "no " + scope.toLowerCase() + " assignment for '" + target + "'",
                    Map.of("target", target));
        }
        return ResponseEntity.noContent().build();
    }

    private static String valid(String field, String value) {
        return Names.require(field, value);
    }
}
