package io.linewatch.common.security;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Key management for admins; present in every service, all backed by the shared key table. */
@RestController
@RequestMapping("/api/v1/api-keys")
@PreAuthorize("hasRole('ADMIN')")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    record CreateKeyRequest(
            @NotBlank @Size(max = 100) String name,
            @NotEmpty Set<ApiKeyRole> roles) {}

    @PostMapping
    ResponseEntity<ApiKeyService.CreatedKey> create(
            @Valid @RequestBody CreateKeyRequest request, @AuthenticationPrincipal ApiKeyPrincipal caller) {
        var created = keys.create(request.name(), request.roles(), caller.toString());
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + created.id()))
                .body(created);
    }

    @GetMapping
    List<ApiKeyService.KeyView> list() {
        return keys.list();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        if (!keys.revoke(id)) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No active API key with id '" + id + "'.");
        }
        return ResponseEntity.noContent().build();
    }
}
