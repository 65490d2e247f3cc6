package io.linewatch.registry.validation;

/** The validator refused the artifact, crashed on it, or ran out of time. */
public class ArtifactRejectedException extends Exception {

    private final String unsupportedLayer;

    ArtifactRejectedException(String message, String unsupportedLayer) {
        super(message);
        this.unsupportedLayer = unsupportedLayer;
    }

    /** The Keras layer DL4J cannot import, when that is why; null otherwise. */
    public String unsupportedLayer() {
        return unsupportedLayer;
    }
}
