package io.linewatch.quality.training;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model is trained. {@link #defaults()} is the one configuration chosen on validation splits
 * of the NEU and magnetic-tile training halves (see docs/quality.md) and used for unseen data.
 *
 * @param imageSize model input height and width in pixels, or 0 to choose it from the data: the median
 *     longer side of the sampled images rounded to a multiple of 32 and clamped to 64-256, so small
 *     images are seen near their native resolution and small defects on large images stay visible
 * @param rot90 also transpose square inputs at random (with the flips: every quarter turn)
 * @param channels 1 (grey), 3 (RGB) or 0 to choose from the data (grey when every sampled image is)
 * @param validationFraction share of each class held out of fitting for early stopping
 * @param minSteps the epoch budget is raised until it holds at least this many mini-batch steps,
 *     so a small data set gets as many updates as a large one (NEU: 48 steps per epoch, so
 *     {@code maxEpochs} rules; the magnetic tiles: 18 steps per epoch, so 50 epochs)
 * @param warmupEpochs epochs before early stopping and learning-rate cuts may act: the validation
 *     loss of a barely trained network on a small validation split is noise
 * @param classWeightPower exponent on the balanced class weight {@code n / (k * n_c)}: 1 balanced,
 *     0.5 tempered, 0 unweighted
 * @param learningRate the starting rate of Adam; it follows a cosine decay to zero at {@code maxEpochs}
 * @param patience epochs without a better validation loss before stopping
 * @param cacheBytes budget for prepared images kept in memory; the rest are decoded on each use
 * @param goodClasses label names that mean a good part, matched ignoring case
 * @param emaDecay 0 (off) or the per-step decay of an exponential moving average of the weights
 *     (batch-normalisation statistics included); validation, early stopping and the kept model use
 *     the averaged weights, which swing less between late epochs than the last step's
 * @param globalPooling {@code avg} or {@code max}: how the last feature maps are pooled (see
 *     {@link io.linewatch.quality.model.NetworkSpec#globalPooling()})
 */
public record TrainingSettings(
        int imageSize,
        int channels,
        List<Integer> filters,
        int stemKernel,
        int stemStride,
        int convsPerBlock,
        double dropoutRetain,
        int batchSize,
        int maxEpochs,
        int minSteps,
        int warmupEpochs,
        int patience,
        double learningRate,
        double l2,
        double validationFraction,
        double classWeightPower,
        boolean flips,
        boolean rot90,
        double rotationDegrees,
        double brightness,
        double contrast,
        long seed,
        long cacheBytes,
        List<String> goodClasses,
        double reviewLow,
        double reviewHigh,
        String globalPooling,
        double emaDecay) {

    public static final List<String> DEFAULT_GOOD_CLASSES =
            List.of("good", "ok", "pass", "free", "normal", "mt_free", "no_defect", "defect_free", "defect-free");

    public TrainingSettings {
        filters = List.copyOf(filters);
        goodClasses = List.copyOf(goodClasses);
        if ((imageSize != 0 && imageSize < 16) || batchSize < 1 || maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("image size >= 16, batch size, epochs and patience >= 1 required");
        }
        if (!(validationFraction > 0 && validationFraction < 0.5)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 0.5)");
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("emaDecay must be in [0, 1)");
        }
        globalPooling = globalPooling.toLowerCase(java.util.Locale.ROOT);
        if (!globalPooling.equals("avg") && !globalPooling.equals("max")) {
            throw new IllegalArgumentException("globalPooling must be avg or max, got " + globalPooling);
        }
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(
                128,
                0,
                List.of(16, 32, 64, 128),
                5,
                2,
                1,
                0.7,
                16,
                20,
                900,
                6,
                8,
                1.5e-3,
                1e-4,
                0.15,
                0.5,
                true,
                false,
                10,
                0.1,
                0.1,
                42L,
                512L * 1024 * 1024,
                DEFAULT_GOOD_CLASSES,
                0.2,
                0.8,
                "avg",
                0);
    }

    /** The network's global pooling. */
    public org.deeplearning4j.nn.conf.layers.PoolingType poolingType() {
        return globalPooling.equals("max")
                ? org.deeplearning4j.nn.conf.layers.PoolingType.MAX
                : org.deeplearning4j.nn.conf.layers.PoolingType.AVG;
    }

    /**
     * A copy with some components replaced, by record component name; values are parsed from text
     * (lists comma separated). Used by the CLI's {@code --set name=value} options.
     */
    public TrainingSettings with(Map<String, String> overrides) {
        RecordComponent[] components = TrainingSettings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        Map<String, String> left = new LinkedHashMap<>(overrides);
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent component = components[i];
                types[i] = component.getType();
                String text = left.remove(component.getName());
                values[i] = text == null ? component.getAccessor().invoke(this) : parse(component, text.trim());
            }
            if (!left.isEmpty()) {
                throw new IllegalArgumentException("unknown training settings " + left.keySet());
            }
            return TrainingSettings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalArgumentException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy training settings", e);
        }
    }

    private static Object parse(RecordComponent component, String text) {
        Class<?> type = component.getType();
        if (type == int.class) {
            return Integer.parseInt(text);
        } else if (type == long.class) {
            return Long.parseLong(text);
        } else if (type == double.class) {
            return Double.parseDouble(text);
        } else if (type == boolean.class) {
            return Boolean.parseBoolean(text);
        } else if (type == String.class) {
            return text;
        }
        List<String> items = Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        boolean integers = component.getGenericType().getTypeName().contains("Integer");
        return integers ? items.stream().map(Integer::valueOf).toList() : items;
    }

    /** The settings as text, stored in the model contract. */
    public Map<String, String> describe() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("imageSize", String.valueOf(imageSize));
        map.put("channels", String.valueOf(channels));
        map.put("filters", filters.toString());
        map.put("stem", stemKernel + "x" + stemKernel + "/" + stemStride);
        map.put("convsPerBlock", String.valueOf(convsPerBlock));
        map.put("dropoutRetain", String.valueOf(dropoutRetain));
        map.put("batchSize", String.valueOf(batchSize));
        map.put("maxEpochs", String.valueOf(maxEpochs));
        map.put("minSteps", String.valueOf(minSteps));
        map.put("warmupEpochs", String.valueOf(warmupEpochs));
        map.put("patience", String.valueOf(patience));
        map.put("learningRate", String.valueOf(learningRate));
        map.put("l2", String.valueOf(l2));
        map.put("validationFraction", String.valueOf(validationFraction));
        map.put("classWeightPower", String.valueOf(classWeightPower));
        map.put(
                "augmentation",
                "flips=" + flips + ",rot90=" + rot90 + ",rotation=" + rotationDegrees + ",brightness=" + brightness
                        + ",contrast=" + contrast);
        map.put("seed", String.valueOf(seed));
        map.put("globalPooling", globalPooling);
        map.put("emaDecay", String.valueOf(emaDecay));
        return map;
    }
}
