package io.linewatch.monitor.trainingjob;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.training.DetectorSettings;
import io.linewatch.monitor.training.DetectorTrainer;
import io.linewatch.monitor.training.EpochListener;
import io.linewatch.monitor.training.TrainingReport;
import jakarta.annotation.PreDestroy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs training jobs on a bounded executor ({@code concurrency} threads, {@code queueCapacity}
 * waiting; a full executor refuses with 429). Progress is written to PostgreSQL after every
 * epoch, so {@code GET} reads it from any instance; cancellation sets a flag the trainer checks
 * before each epoch.
 */
@Service
class TrainingJobService {

    private static final Logger log = LoggerFactory.getLogger(TrainingJobService.class);

    private final TrainingJobSettings settings;
    private final TrainingJobRepository repository;
    private final JsonMapper json;
    private final ThreadPoolExecutor executor;
    private final Map<UUID, AtomicBoolean> cancelFlags = new ConcurrentHashMap<>();

    TrainingJobService(TrainingJobSettings settings, TrainingJobRepository repository, JsonMapper json) {
        this.settings = settings;
        this.repository = repository;
        this.json = json;
        BlockingQueue<Runnable> queue = settings.queueCapacity() == 0
                ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(settings.queueCapacity());
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                settings.concurrency(), settings.concurrency(), 0, TimeUnit.SECONDS, queue, r -> {
                    Thread t = new Thread(r, "training-job-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    TrainingJob submit(TrainingJobRequest request, String submittedBy) {
        TrainingJobRequest.ValidJob job = request.validated(settings);
        UUID id = UUID.randomUUID();
        repository.insert(
                id,
                job.modelName(),
                job.kind(),
                job.epochs(),
                json.writeValueAsString(request),
                submittedBy,
                Instant.now());
        AtomicBoolean cancel = new AtomicBoolean();
        cancelFlags.put(id, cancel);
        try {
            executor.execute(() -> run(id, job, cancel));
        } catch (RejectedExecutionException e) {
            cancelFlags.remove(id);
            repository.delete(id);
            throw new ProblemException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    ProblemTypes.OVERLOADED,
                    "training capacity is full (" + settings.concurrency() + " running, " + settings.queueCapacity()
                            + " queued); retry when a job has finished",
                    Map.of("concurrency", settings.concurrency(), "queueCapacity", settings.queueCapacity()));
        }
        return get(id);
    }

    TrainingJob get(UUID id) {
        return repository
                .find(id)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "no training job " + id, Map.of("id", id)));
    }

    java.util.List<TrainingJob> latest(int limit) {
        return repository.latest(limit);
    }

    /**
     * A queued job is cancelled at once; a running one stops before its next epoch (this
     * instance's flag; a job of another instance cannot be reached from here). 409 if finished.
     */
    TrainingJob cancel(UUID id) {
        TrainingJob current = get(id);
        if (current.state().finished()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    ProblemTypes.CONFLICT,
                    "training job " + id + " has already finished (" + current.state() + ")",
                    Map.of("id", id, "state", current.state().name()));
        }
        AtomicBoolean flag = cancelFlags.get(id);
        if (flag != null) {
            flag.set(true);
        }
        if (current.state() == TrainingJob.State.QUEUED) {
            repository.finish(id, TrainingJob.State.CANCELLED, "cancelled while queued", Instant.now());
        }
        return get(id);
    }

    private void run(UUID id, TrainingJobRequest.ValidJob job, AtomicBoolean cancel) {
        try {
            if (cancel.get() || !repository.start(id, Instant.now())) {
                return;
            }
            long started = System.nanoTime();
            EpochListener listener = new EpochListener() {
                @Override
                public void epochDone(int epoch, int maxEpochs, double trainLoss, double validationLoss) {
                    double perEpoch = (System.nanoTime() - started) / 1e9 / epoch;
                    repository.progress(
                            id,
                            epoch,
                            trainLoss,
                            Double.isNaN(validationLoss) ? null : validationLoss,
                            perEpoch * (maxEpochs - epoch));
                }

                @Override
                public boolean cancelled() {
                    return cancel.get();
                }
            };
            CsvTrainingData data =
                    CsvTrainingData.read(job.csvPath(), job.separator(), job.skipColumns(), settings.maxRows());
            DetectorSettings defaults = DetectorSettings.defaults();
            ModelBundle bundle;
            TrainingReport report;
            if (TrainingJobRequest.AUTOENCODER.equals(job.kind())) {
                DetectorSettings detector = new DetectorSettings(
                        job.window(),
                        job.units(),
                        job.learningRate(),
                        job.epochs(),
                        job.batchSize(),
                        job.patience(),
                        job.validationSplit(),
                        defaults.trendAutocorrelation(),
                        defaults.percentile(),
                        defaults.factor(),
                        defaults.policy(),
                        defaults.seed());
                var trained = new DetectorTrainer(detector).train(data.rows(), data.sensors(), listener, true);
                bundle = trained.bundle();
                report = trained.report();
            } else {
                var trained = ForecasterTrainer.train(data.rows(), data.sensors(), job, defaults.policy(), listener);
                bundle = trained.bundle();
                report = trained.report();
            }
            Path dir = settings.outputDirectory();
            Files.createDirectories(dir);
            Path file = dir.resolve(id + ".zip");
            bundle.save(file);
            Integer version = null;
            String message = "trained " + report.epochs() + " epochs (best " + report.bestEpoch() + ") on "
                    + data.rows().length + " rows x " + data.sensors().size() + " sensors";
            if (settings.registryConfigured()) {
                version = new RegistryPublisher(settings.registryUrl(), settings.registryApiKey(), json)
                        .register(job.modelName(), bundle, report, lineage(id, job, data));
                message += "; registered as " + job.modelName() + " v" + version;
            } else {
                message += "; no registry configured, bundle written to " + file;
            }
            repository.succeed(id, file.toString(), version, bundle.threshold().value(), message, Instant.now());
            log.info("training job {} succeeded: {}", id, message);
        } catch (CancellationException e) {
            repository.finish(id, TrainingJob.State.CANCELLED, e.getMessage(), Instant.now());
            log.info("training job {} cancelled", id);
        } catch (Exception | Error e) {
            // the job's thread boundary: whatever went wrong is the job's failure, never a stuck RUNNING
            repository.finish(id, TrainingJob.State.FAILED, String.valueOf(e.getMessage()), Instant.now());
            log.warn("training job {} failed", id, e);
        } finally {
            cancelFlags.remove(id);
        }
    }

    private static Map<String, Object> lineage(UUID id, TrainingJobRequest.ValidJob job, CsvTrainingData data) {
        Map<String, Object> lineage = new LinkedHashMap<>();
        if (job.csvPath() != null) {
            lineage.put("source", "csv");
            lineage.put("path", job.csvPath().toString());
        } else {
            lineage.put("source", "ingest-telemetry");
            lineage.put("machines", job.machines());
            lineage.put("from", job.from().toString());
            lineage.put("to", job.to().toString());
        }
        lineage.put("rows", data.rows().length);
        lineage.put("sensors", data.sensors());
        lineage.put("validationSplit", job.validationSplit());
        lineage.put("trainingJob", id.toString());
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("kind", job.kind());
        h.put("window", job.window());
        h.put("units", job.units());
        h.put("layers", job.layers());
        h.put("epochs", job.epochs());
        h.put("learningRate", job.learningRate());
        h.put("batchSize", job.batchSize());
        h.put("patience", job.patience());
        lineage.put("hyperparameters", h);
        return lineage;
    }

    /** Running jobs stop before their next epoch and are recorded as CANCELLED. */
    @PreDestroy
    void stop() throws InterruptedException {
        cancelFlags.values().forEach(flag -> flag.set(true));
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
