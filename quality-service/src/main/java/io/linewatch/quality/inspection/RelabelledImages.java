package io.linewatch.quality.inspection;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Inspections a person labelled whose image is still kept: the retraining set. */
@Component
public class RelabelledImages {

    /** One labelled image, read with {@link #image}. */
    public record Example(UUID inspectionId, String label, String imageKey) {}

    private final InspectionRepository repository;
    private final ImageStore images;

    RelabelledImages(InspectionRepository repository, ImageStore images) {
        this.repository = repository;
        this.images = images;
    }

    /** @param productType only this product type's inspections, or all when null */
    public List<Example> list(String productType) {
        return repository.labelledWithImages(productType);
    }

    public Optional<byte[]> image(Example example) throws IOException {
        return images.get(example.imageKey());
    }
}
