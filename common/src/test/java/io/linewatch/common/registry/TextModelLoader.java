package io.linewatch.common.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A loader for tests whose "model" is the artifact's text: it refuses to load text starting with
 * "broken" and fails the smoke test on text starting with "nan".
 */
final class TextModelLoader implements ModelLoader<String> {

    @Override
    public String load(Path artifact, ModelVersionInfo info) throws Exception {
        String text = Files.readString(artifact, StandardCharsets.UTF_8);
        if (text.startsWith("broken")) {
            throw new IllegalArgumentException("not a network");
        }
        return text;
    }

    @Override
    public void smokeTest(String model, ModelVersionInfo info) {
        if (model.startsWith("nan")) {
            throw new IllegalStateException("output is NaN");
        }
    }
}
