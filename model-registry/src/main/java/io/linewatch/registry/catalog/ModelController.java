package io.linewatch.registry.catalog;

import io.linewatch.common.registry.ModelVersionInfo;
import io.linewatch.common.security.ApiKeyPrincipal;
import io.linewatch.registry.artifact.ArtifactStore;
import io.linewatch.registry.catalog.ModelViews.AliasMoveView;
import io.linewatch.registry.catalog.ModelViews.AliasView;
import io.linewatch.registry.catalog.ModelViews.ModelDetail;
import io.linewatch.registry.catalog.ModelViews.ModelSummary;
import io.linewatch.registry.catalog.ModelViews.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/models}: reads need role READ, every change MODEL_ADMIN. */
@RestController
@RequestMapping("/api/v1/models")
class ModelController {

    private final ModelCatalog catalog;
    private final VersionRegistrar registrar;
    private final ArtifactStore store;

    ModelController(ModelCatalog catalog, VersionRegistrar registrar, ArtifactStore store) {
        this.catalog = catalog;
        this.registrar = registrar;
        this.store = store;
    }

    @PostMapping
    @PreAuthorize("hasRole('MODEL_ADMIN')")
    ResponseEntity<ModelSummary> create(
            @Valid @RequestBody ModelRequests.CreateModel request, @AuthenticationPrincipal ApiKeyPrincipal caller) {
        ModelSummary created = catalog.create(request, caller.toString());
        return ResponseEntity.created(URI.create("/api/v1/models/" + created.name()))
                .body(created);
    }

    @GetMapping
    @PreAuthorize("hasRole('READ')")
    Page<ModelSummary> search(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String task,
            @RequestParam(required = false) String tag,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return catalog.search(name, task, tag, page, size);
    }

    @GetMapping("/{name}")
    @PreAuthorize("hasRole('READ')")
    ModelDetail get(@PathVariable String name) {
        return catalog.get(name);
    }

    @PatchMapping("/{name}")
    @PreAuthorize("hasRole('MODEL_ADMIN')")
    ModelSummary update(@PathVariable String name, @Valid @RequestBody ModelRequests.UpdateModel request) {
        return catalog.update(name, request);
    }

    /**
     * Multipart: {@code artifact} (a DL4J ModelSerializer zip or a Keras HDF5 file) and
     * {@code metadata} (JSON, see {@link VersionMetadata}). 201 for a new version, 200 with the
     * existing one when identical content was registered before.
     */
    @PostMapping(path = "/{name}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('MODEL_ADMIN')")
    ResponseEntity<ModelVersionInfo> register(
            @PathVariable String name,
            @RequestPart("artifact") MultipartFile artifact,
            @RequestPart("metadata") String metadata,
            @AuthenticationPrincipal ApiKeyPrincipal caller)
            throws IOException {
        VersionRegistrar.Registered registered;
        try (InputStream content = artifact.getInputStream()) {
            registered = registrar.register(name, content, metadata, caller.toString());
        }
        URI location = URI.create(
                "/api/v1/models/" + name + "/versions/" + registered.version().version());
        return registered.created()
                ? ResponseEntity.created(location).body(registered.version())
                : ResponseEntity.ok().location(location).body(registered.version());
    }

    @GetMapping("/{name}/versions/{version}")
    @PreAuthorize("hasRole('READ')")
    ModelVersionInfo version(@PathVariable String name, @PathVariable int version) {
        return catalog.version(name, version);
    }

    /** Streams the artifact; {@code ETag} is its sha256, so {@code If-None-Match} saves the download. */
    @GetMapping("/{name}/versions/{version}/artifact")
    @PreAuthorize("hasRole('READ')")
    ResponseEntity<InputStreamResource> download(
            @PathVariable String name,
            @PathVariable int version,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws IOException {
        ModelVersionInfo info = catalog.version(name, version);
        String etag = "\"" + info.sha256() + "\"";
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        InputStream content = store.open(info.sha256())
                .orElseThrow(() -> new IllegalStateException(
                        "artifact " + info.sha256() + " of " + name + " v" + version + " is missing from the store"));
        return ResponseEntity.ok()
                .eTag(etag)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(info.sizeBytes())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(name + "-v" + version + ".zip")
                                .build()
                                .toString())
                .body(new InputStreamResource(content));
    }

    @DeleteMapping("/{name}/versions/{version}")
    @PreAuthorize("hasRole('MODEL_ADMIN')")
    ResponseEntity<Void> deleteVersion(
            @PathVariable String name, @PathVariable int version, @AuthenticationPrincipal ApiKeyPrincipal caller) {
        catalog.deleteVersion(name, version, caller.toString());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{name}/aliases/{alias}")
    @PreAuthorize("hasRole('MODEL_ADMIN')")
    AliasView setAlias(
            @PathVariable String name,
            @PathVariable @Pattern(regexp = ModelRequests.ALIAS, message = "must start with a letter") String alias,
            @Valid @RequestBody ModelRequests.SetAlias request,
            @AuthenticationPrincipal ApiKeyPrincipal caller) {
        return catalog.setAlias(name, alias, request, caller.toString());
    }

    @GetMapping("/{name}/aliases/{alias}")
    @PreAuthorize("hasRole('READ')")
    ModelVersionInfo resolve(@PathVariable String name, @PathVariable String alias) {
        return catalog.resolve(name, alias);
    }

    @DeleteMapping("/{name}/aliases/{alias}")
    @PreAuthorize("hasRole('MODEL_ADMIN')")
    ResponseEntity<Void> deleteAlias(
            @PathVariable String name,
            @PathVariable String alias,
            @RequestParam @NotBlank String reason,
            @AuthenticationPrincipal ApiKeyPrincipal caller) {
        catalog.deleteAlias(name, alias, reason, caller.toString());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{name}/aliases/{alias}/history")
    @PreAuthorize("hasRole('READ')")
    List<AliasMoveView> aliasHistory(@PathVariable String name, @PathVariable String alias) {
        return catalog.history(name, alias);
    }

    @GetMapping("/{name}/alias-history")
    @PreAuthorize("hasRole('READ')")
    List<AliasMoveView> history(@PathVariable String name) {
        return catalog.history(name, null);
    }
}
