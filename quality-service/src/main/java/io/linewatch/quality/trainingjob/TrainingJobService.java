package io.linewatch.quality.trainingjob;

import io.linewatch.common.web.ProblemException;
import io.linewatch.common.web.ProblemTypes;
import io.linewatch.quality.inspection.RelabelledImages;
import io.linewatch.quality.training.TrainingSettings;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accepts training jobs, runs them on a bounded executor ({@code concurrency} threads, at most
 * {@code queueCapacity} waiting; beyond that 429) and lets them be followed and cancelled. Requests
 * are checked before they are queued, so a bad folder or setting is a problem detail, not a failed job.
 */
@Service
class TrainingJobService {

    static final Set<String> SOURCES = Set.of("FOLDER", "RELABELLED");

    private final TrainingJobSettings settings;
    private final TrainingJobRepository repository;
    private final RelabelledImages relabelled;
    private final TrainingFolders folders;
    private final String registryUrl;
    private final String registryApiKey;
    private final ThreadPoolExecutor executor;
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();

    /** A queued or running job: its future and its cancellation flag. */
    record Running(Future<?> future, AtomicBoolean cancelled) {}

    TrainingJobService(
            TrainingJobSettings settings,
            TrainingJobRepository repository,
            RelabelledImages relabelled,
            Environment environment) {
        this.settings = settings;
        this.repository = repository;
        this.relabelled = relabelled;
        this.folders = new TrainingFolders(settings.roots());
        this.registryUrl = settings.registryUrl() != null
                ? settings.registryUrl()
                : environment.getProperty("linewatch.model-client.registry-url");
        this.registryApiKey = settings.registryApiKey() != null
                ? settings.registryApiKey()
                : environment.getProperty("linewatch.model-client.api-key");
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                settings.concurrency(),
                settings.concurrency(),
                0,
                TimeUnit.MILLISECONDS,
                settings.queueCapacity() == 0
                        ? new java.util.concurrent.SynchronousQueue<>()
                        : new LinkedBlockingQueue<>(settings.queueCapacity()),
                runnable -> {
                    Thread thread = new Thread(runnable, "quality-training-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setPriority(Thread.MIN_PRIORITY);
                    return thread;
                });
    }

    /** Jobs of a previous process that never finished are marked failed at start. */
    @EventListener(ApplicationReadyEvent.class)
    void failLeftovers() {
        repository.failUnfinished("interrupted: quality-service stopped while the job was queued or running");
    }

    TrainingJob submit(TrainingJobRequest request, String caller) {
        TrainingJobRun.Plan plan = plan(request);
        UUID id = UUID.randomUUID();
        repository.insert(id, plan.modelName(), plan.source(), plan.describe(), caller);
        AtomicBoolean cancelled = new AtomicBoolean();
        TrainingJobRun run = new TrainingJobRun(
                id,
                plan,
                repository,
                relabelled,
                registryUrl == null ? null : new RegistryPublisher(registryUrl, registryApiKey),
                cancelled);
        // Registered before it is queued, so a job that ends at once is never left in the map.
        FutureTask<Void> task = new FutureTask<>(
                () -> {
                    try {
                        run.run();
                    } finally {
                        running.remove(id);
                    }
                },
                null);
        running.put(id, new Running(task, cancelled));
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            running.remove(id);
            repository.finish(id, "FAILED", null, null, "refused: the training queue is full");
            throw new ProblemException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    ProblemTypes.OVERLOADED,
                    "Training queue full (" + settings.concurrency() + " running, " + settings.queueCapacity()
                            + " waiting); try again later.");
        }
        return get(id);
    }

    TrainingJob get(UUID id) {
        return repository.find(id).orElseThrow(() -> notFound(id));
    }

    List<TrainingJob> latest(int limit) {
        return repository.latest(limit);
    }

    /** Cancels a queued job at once and a running one at its next mini-batch. */
    TrainingJob cancel(UUID id) {
        TrainingJob job = get(id);
        Running r = running.get(id);
        if (r != null) {
            r.cancelled().set(true);
            if (r.future().cancel(false)) {
                running.remove(id);
                repository.finish(id, "CANCELLED", null, null, "cancelled before it started");
            }
        } else if (job.state().equals("QUEUED") || job.state().equals("RUNNING")) {
            repository.finish(id, "CANCELLED", null, null, "cancelled");
        }
        return get(id);
    }

    private TrainingJobRun.Plan plan(TrainingJobRequest request) {
        if (request == null
                || request.modelName() == null
                || !request.modelName().matches("[A-Za-z0-9._-]{1,128}")) {
            throw invalid("modelName", "modelName is required: letters, digits, '.', '_', '-', up to 128");
        }
        String source = request.source() == null ? "" : request.source().toUpperCase(Locale.ROOT);
        if (!SOURCES.contains(source)) {
            throw invalid("source", "source must be FOLDER or RELABELLED");
        }
        Path folder = null;
        if (source.equals("FOLDER")) {
            folder = folders.resolve(request.folder());
        }
        double testFraction = request.testFraction() != null ? request.testFraction() : settings.testFraction();
        if (!(testFraction >= 0.05 && testFraction <= 0.5)) {
            throw invalid("testFraction", "testFraction must be between 0.05 and 0.5");
        }
        long seed = request.seed() != null ? request.seed() : 42L;
        Map<String, String> overrides = new LinkedHashMap<>();
        if (request.settings() != null) {
            overrides.putAll(request.settings());
        }
        overrides.put("seed", String.valueOf(seed));
        if (request.goodClasses() != null) {
            overrides.put("goodClasses", request.goodClasses());
        }
        TrainingSettings trainingSettings;
        try {
            trainingSettings = TrainingSettings.defaults().with(overrides);
        } catch (IllegalArgumentException e) {
            throw invalid("settings", "settings: " + e.getMessage());
        }
        if (trainingSettings.maxEpochs() > settings.maxEpochs()) {
            throw invalid("settings", "settings.maxEpochs may be at most " + settings.maxEpochs());
        }
        return new TrainingJobRun.Plan(
                request.modelName(),
                source,
                folder,
                request.productType(),
                testFraction,
                seed,
                trainingSettings,
                request.settings() == null ? Map.of() : Map.copyOf(request.settings()),
                request.description() == null ? "" : request.description(),
                settings.maxImages());
    }

    static ProblemException invalid(String field, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, detail, Map.of("field", field));
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No training job " + id + ".");
    }

    @PreDestroy
    void stop() {
        running.values().forEach(r -> r.cancelled().set(true));
        executor.shutdownNow();
    }
}
