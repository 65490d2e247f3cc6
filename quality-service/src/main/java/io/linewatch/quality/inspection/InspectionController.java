package io.linewatch.quality.inspection;

import io.linewatch.quality.inspection.InspectionService.Origin;
import io.linewatch.quality.inspection.InspectionService.Upload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/inspections}: inspect one image or a batch, query, explain and relabel. */
@Validated
@RestController
@RequestMapping("/api/v1/inspections")
class InspectionController {

    record LabelRequest(@NotBlank String label) {}

    /** On a heatmap: the model name and version that computed it, which made the inspection. */
    static final String MODEL_NAME_HEADER = "LineWatch-Model-Name";

    static final String MODEL_VERSION_HEADER = "LineWatch-Model-Version";

    private final InspectionService service;

    InspectionController(InspectionService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('INGEST')")
    Inspection inspect(
            @RequestPart("image") MultipartFile image,
            @RequestParam @NotBlank String line,
            @RequestParam @NotBlank String station,
            @RequestParam @NotBlank String productType,
            @RequestParam @NotBlank String serial) {
        return service.inspect(List.of(upload(image)), new Origin(line, station, productType, List.of(serial)))
                .get(0);
    }

    /** Many images of one line, station and product type, inferred in one batched call. */
    @PostMapping(path = "/batch", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('INGEST')")
    List<Inspection> inspectBatch(
            @RequestPart("images") List<MultipartFile> images,
            @RequestParam @NotBlank String line,
            @RequestParam @NotBlank String station,
            @RequestParam @NotBlank String productType,
            @RequestParam(required = false) List<String> serials) {
        List<Upload> uploads = new ArrayList<>();
        for (MultipartFile image : images) {
            uploads.add(upload(image));
        }
        return service.inspect(uploads, new Origin(line, station, productType, serials == null ? List.of() : serials));
    }

    @GetMapping
    @PreAuthorize("hasRole('READ')")
    List<Inspection> search(
            @RequestParam(required = false) String line,
            @RequestParam(required = false) String station,
            @RequestParam(required = false) String productType,
            @RequestParam(required = false) @Pattern(regexp = "PASS|FAIL|REVIEW") String verdict,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return service.search(new InspectionQuery(line, station, productType, verdict, from, to, limit));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('READ')")
    Inspection get(@PathVariable UUID id) {
        return service.find(id);
    }

    @GetMapping(path = "/{id}/heatmap", produces = MediaType.IMAGE_PNG_VALUE)
    @PreAuthorize("hasRole('READ')")
    ResponseEntity<byte[]> heatmap(@PathVariable UUID id) {
        InspectionService.Heatmap heatmap = service.heatmap(id);
        BufferedImage overlay = heatmap.overlay();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        // Encoded in memory: ImageIO.write to a plain stream would buffer through a temporary file.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(png)) {
            ImageIO.write(overlay, "png", stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .header(MODEL_NAME_HEADER, heatmap.modelName())
                .header(MODEL_VERSION_HEADER, Integer.toString(heatmap.modelVersion()))
                .body(png.toByteArray());
    }

    @PutMapping("/{id}/label")
    @PreAuthorize("hasRole('OPERATE')")
    Inspection label(@PathVariable UUID id, @Valid @RequestBody LabelRequest request) {
        return service.label(id, request.label());
    }

    private static Upload upload(MultipartFile file) {
        try {
            return new Upload(
                    file.getOriginalFilename() == null ? "image" : file.getOriginalFilename(), file.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read upload " + file.getOriginalFilename(), e);
        }
    }
}
