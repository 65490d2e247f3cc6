package io.linewatch.registry.catalog;

import io.linewatch.common.event.ModelEvent;
import io.linewatch.common.registry.ModelVersionInfo;
import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import io.linewatch.registry.RegistrySettings;
import io.linewatch.registry.artifact.ArtifactStore;
import io.linewatch.registry.artifact.StagedArtifact;
import io.linewatch.registry.artifact.StoreLock;
import io.linewatch.registry.catalog.CatalogRepository.ModelRow;
import io.linewatch.registry.outbox.OutboxWriter;
import io.linewatch.registry.validation.ArtifactRejectedException;
import io.linewatch.registry.validation.ArtifactValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers a version: stage and hash the upload, check the declared sha256, return the existing
 * version for identical content, validate (or convert from Keras) in the validator JVM, then in
 * one transaction rename the artifact into the store, insert the version and its outbox event.
 * Nothing is stored when any step fails; a crash after the rename leaves an unreferenced file
 * that the sweeper removes.
 */
@Service
class VersionRegistrar {

    private static final Logger log = LoggerFactory.getLogger(VersionRegistrar.class);
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    /** The version, and whether this call created it (false: identical content existed). */
    record Registered(ModelVersionInfo version, boolean created) {}

    private final ModelCatalog catalog;
    private final CatalogRepository repository;
    private final ArtifactStore store;
    private final ArtifactValidator validator;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final RegistrySettings settings;
    private final JsonMapper metadataJson;
    private final Clock clock = Clock.systemUTC();

    VersionRegistrar(
            ModelCatalog catalog,
            CatalogRepository repository,
            ArtifactStore store,
            ArtifactValidator validator,
            OutboxWriter outbox,
            TransactionTemplate tx,
            JdbcClient jdbc,
            RegistrySettings settings,
            JsonMapper json) {
        this.catalog = catalog;
        this.repository = repository;
        this.store = store;
        this.validator = validator;
        this.outbox = outbox;
        this.tx = tx;
        this.jdbc = jdbc;
        this.settings = settings;
        this.metadataJson = json.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    Registered register(String name, InputStream artifact, String metadata, String actor) throws IOException {
        ModelRow model = catalog.model(name);
        VersionMetadata meta = parse(metadata);
        long[] inputShape = meta.inputShape();
        long[] outputShape = meta.outputShape();
        StagedArtifact upload = stage(artifact);
        List<Path> staging = new ArrayList<>(List.of(upload.path()));
        try {
            if (meta.sha256() != null && !meta.sha256().equalsIgnoreCase(upload.sha256())) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        RegistryProblems.CHECKSUM_MISMATCH,
                        "The artifact's sha256 is " + upload.sha256() + " but the metadata declares " + meta.sha256()
                                + "; the upload was corrupted or is not the file meant.",
                        Map.of("field", "metadata.sha256", "declared", meta.sha256(), "actual", upload.sha256()));
            }
            var existing = repository.findVersionByUpload(name, upload.sha256());
            if (existing.isPresent()) {
                return new Registered(existing.get(), false);
            }
            String format = detectFormat(upload.path());
            if (meta.format() != null && !meta.format().equals(format)) {
                throw RegistryProblems.invalid(
                        "metadata.format", "says " + meta.format() + " but the file is " + format);
            }
            StagedArtifact stored = upload;
            try {
                if (VersionMetadata.KERAS_H5.equals(format)) {
                    Path converted = store.newStagingFile();
                    staging.add(converted);
                    validator.convertKeras(upload.path(), converted, inputShape, outputShape);
                    stored = store.describe(converted);
                } else {
                    validator.validate(upload.path(), inputShape, outputShape);
                }
            } catch (ArtifactRejectedException e) {
                throw rejected(e, inputShape, outputShape);
            }
            return commit(model, meta, format, upload.sha256(), stored, actor);
        } finally {
            staging.forEach(store::discard);
        }
    }

    private Registered commit(
            ModelRow model,
            VersionMetadata meta,
            String format,
            String uploadSha256,
            StagedArtifact stored,
            String actor) {
        try {
            return tx.execute(status -> {
                repository.lockModel(model.name());
                var raced = repository.findVersionByUpload(model.name(), uploadSha256);
                if (raced.isPresent()) {
                    return new Registered(raced.get(), false);
                }
                StoreLock.holdShared(jdbc);
                try {
                    store.commit(stored);
                } catch (IOException e) {
                    throw new IllegalStateException("writing the artifact to the store failed", e);
                }
                int version = repository.nextVersion(model.name());
                Instant now = clock.instant();
                boolean keras = VersionMetadata.KERAS_H5.equals(format);
                var info = new ModelVersionInfo(
                        model.name(),
                        version,
                        model.task(),
                        stored.sha256(),
                        stored.sizeBytes(),
                        keras ? "keras" : "dl4j",
                        VersionMetadata.DL4J_ZIP,
                        keras ? "keras-import" : "trained",
                        meta.description(),
                        meta.contract(),
                        meta.normalizer(),
                        meta.thresholds(),
                        meta.metrics(),
                        meta.hyperparameters(),
                        meta.trainingData(),
                        meta.tags() == null ? Map.of() : meta.tags(),
                        uploadSha256,
                        List.of(),
                        actor,
                        now);
                repository.insertVersion(info, uploadSha256);
                outbox.append(ModelCatalog.event(
                        ModelEvent.VERSION_REGISTERED, model, version, null, null, actor, null, now));
                return new Registered(info, true);
            });
        } catch (DataAccessException | IllegalStateException e) {
            log.error("Registering a version of {} failed after validation; nothing was registered", model.name(), e);
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemTypes.UNAVAILABLE,
                    "The version could not be recorded (storage or database failure); nothing was registered."
                            + " Retry the upload.");
        }
    }

    private VersionMetadata parse(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            throw RegistryProblems.invalid(
                    "metadata",
                    "is required: a JSON object with at least contract.inputShape" + " and contract.outputShape");
        }
        try {
            return metadataJson.readValue(metadata, VersionMetadata.class);
        } catch (JacksonException e) {
            throw RegistryProblems.invalid("metadata", "is not valid JSON for a version: " + e.getOriginalMessage());
        }
    }

    private StagedArtifact stage(InputStream artifact) throws IOException {
        long limit = settings.maxArtifactSize().toBytes();
        try {
            return store.stage(artifact, limit);
        } catch (ArtifactStore.TooLargeException e) {
            throw new ProblemException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    ProblemTypes.PAYLOAD_TOO_LARGE,
                    "The artifact is larger than the registry accepts (" + limit + " bytes).",
                    Map.of("field", "artifact", "limitBytes", limit));
        }
    }

    private static String detectFormat(Path file) throws IOException {
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read >= 8 && Arrays.equals(head, HDF5_MAGIC)) {
            return VersionMetadata.KERAS_H5;
        }
        if (read >= 4 && Arrays.equals(Arrays.copyOf(head, 4), ZIP_MAGIC)) {
            return VersionMetadata.DL4J_ZIP;
        }
        throw new ProblemException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                RegistryProblems.INVALID_MODEL,
                "The artifact is neither a DL4J model zip (ModelSerializer) nor a Keras HDF5 file.",
                Map.of("field", "artifact"));
    }

    private static ProblemException rejected(ArtifactRejectedException e, long[] inputShape, long[] outputShape) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("field", "artifact");
        properties.put("inputShape", inputShape);
        properties.put("outputShape", outputShape);
        if (e.unsupportedLayer() != null) {
            properties.put("layer", e.unsupportedLayer());
            return new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    RegistryProblems.UNSUPPORTED_KERAS_LAYER,
                    "Keras import failed: " + e.getMessage() + ".",
                    properties);
        }
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                RegistryProblems.INVALID_MODEL,
                "The artifact was refused: " + e.getMessage() + ".",
                properties);
    }
}
