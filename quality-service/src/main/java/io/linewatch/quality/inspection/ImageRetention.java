package io.linewatch.quality.inspection;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes kept images older than {@code linewatch.quality.retention.image-max-age} and marks their
 * inspections' images as expired; the inspection rows themselves stay. Labelled images are kept
 * unless {@code keep-labelled=false}: they are the retraining set. Runs every
 * {@code check-interval}, in batches so one run never holds many rows.
 */
@Component
class ImageRetention {

    private static final Logger log = LoggerFactory.getLogger(ImageRetention.class);

    private final InspectionRepository repository;
    private final ImageStore images;
    private final RetentionSettings settings;
    private final Clock clock;

    ImageRetention(InspectionRepository repository, ImageStore images, RetentionSettings settings) {
        this.repository = repository;
        this.images = images;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    @Scheduled(
            initialDelayString = "${linewatch.quality.retention.check-interval:1h}",
            fixedDelayString = "${linewatch.quality.retention.check-interval:1h}")
    void scheduled() {
        try {
            expire();
        } catch (RuntimeException e) {
            log.warn("Image retention run failed; next run in {}: {}", settings.checkInterval(), e.toString());
        }
    }

    /** One retention run; returns how many images were deleted. */
    int expire() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(settings.imageMaxAge());
        int deleted = 0;
        while (true) {
            var batch = repository.keptBefore(cutoff, !settings.keepLabelled(), settings.batch());
            for (var kept : batch) {
                try {
                    images.delete(kept.key());
                } catch (IOException e) {
                    log.warn("Cannot delete image {} of inspection {}: {}", kept.key(), kept.id(), e.toString());
                    continue;
                }
                // The row is updated after the file is gone: a crash in between leaves a row whose
                // image reads as missing, which the next run finishes.
                if (repository.expireImage(kept.id(), kept.key(), now)) {
                    deleted++;
                }
            }
            if (batch.size() < settings.batch()) {
                break;
            }
        }
        if (deleted > 0) {
            log.info("Image retention deleted {} image(s) older than {}", deleted, settings.imageMaxAge());
        }
        return deleted;
    }
}
