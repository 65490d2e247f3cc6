package io.linewatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.common.security.ApiKeyRole;
import io.linewatch.common.security.ApiKeyService;
import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two third-party tf.keras C-MAPSS models in {@code ../shared/data/keras}, imported through
 * the API and run here with their documented preprocessing against their shipped predictions.
 */
@FreshDatabase
@EmbeddedKafka(partitions = 1)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.registry.artifact-root=${java.io.tmpdir}/lw-registry-keras-${random.uuid}"
        })
class KerasImportIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(KerasImportIntegrationTest.class);

    @LocalServerPort
    int port;

    @Autowired
    ApiKeyService keys;

    Path data;
    RegistryApi api;

    @BeforeEach
    void requireSharedData() {
        var shared = SharedData.find();
        Assumptions.assumeTrue(
                shared.isPresent()
                        && Files.exists(shared.get().resolve("keras/regression_model.h5"))
                        && Files.exists(shared.get().resolve("cmapss/test_FD001.txt")),
                "../shared/data/keras and ../shared/data/cmapss are absent: skipping the Keras import verification");
        data = shared.get();
        api = new RegistryApi(
                port,
                keys.create("scientist", Set.of(ApiKeyRole.MODEL_ADMIN), "test").key());
    }

    @Test
    void theThirdPartyRegressionAndBinaryModelsImportAndReproduceTheirShippedPredictions() throws Exception {
        var train = Cmapss.read(data.resolve("cmapss/train_FD001.txt"));
        double[][] minMax = Cmapss.fitMinMax(train);
        float[][][] windows =
                Cmapss.lastWindows(Cmapss.read(data.resolve("cmapss/test_FD001.txt")), minMax[0], minMax[1]);
        assertThat(windows).hasNumberOfRows(93);
        String metadata = JsonMapper.builder()
                .build()
                .writeValueAsString(Map.of(
                        "description", "umbertogriffo/Predictive-Maintenance-using-LSTM, Keras 2.1.1",
                        "contract",
                                Map.of(
                                        "inputShape",
                                        new int[] {50, 25},
                                        "outputShape",
                                        new int[] {1},
                                        "windowLength",
                                        50,
                                        "rnnDataFormat",
                                        "NWC"),
                        "normalizer", Map.of("type", "min-max", "min", minMax[0], "max", minMax[1]),
                        "trainingData", Map.of("dataset", "NASA C-MAPSS FD001", "file", "train_FD001.txt")));

        api.createModel("cmapss-rul", "rul-lstm", Map.of("source", "keras"));
        var regression =
                api.register("cmapss-rul", Files.readAllBytes(data.resolve("keras/regression_model.h5")), metadata);
        assertThat(regression.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(regression.getBody())
                .containsEntry("origin", "keras-import")
                .containsEntry("format", "dl4j-zip")
                .containsEntry("framework", "keras");

        api.createModel("cmapss-failure-30", "rul-lstm", Map.of("source", "keras"));
        var binary =
                api.register("cmapss-failure-30", Files.readAllBytes(data.resolve("keras/binary_model.h5")), metadata);
        assertThat(binary.getStatusCode()).isEqualTo(HttpStatus.CREATED);

        INDArray input = Nd4j.create(windows);
        double[] rul = predict("cmapss-rul", input);
        double[] shippedRul = Cmapss.readPredictions(data.resolve("keras/regression_predictions_test.csv"));
        double maxDiff = 0;
        for (int i = 0; i < rul.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(rul[i] - shippedRul[i]));
        }
        log.info(
                "Imported regression model: max |diff| to the shipped predictions over {} engines = {}",
                rul.length,
                maxDiff);
        assertThat(rul).hasSize(93);
        assertThat(maxDiff).isLessThan(1e-3);

        double[] probability = predict("cmapss-failure-30", input);
        double[] shippedClasses = Cmapss.readPredictions(data.resolve("keras/binary_predictions_test.csv"));
        int[] classes =
                Arrays.stream(probability).mapToInt(p -> p > 0.5 ? 1 : 0).toArray();
        assertThat(classes)
                .containsExactly(
                        Arrays.stream(shippedClasses).mapToInt(c -> (int) c).toArray());
    }

    @Test
    void aKerasLayerDl4jCannotImportIsRefusedNamingTheLayer() throws Exception {
        // The same file with its first Dropout layer renamed to a class Keras import has never heard of.
        String original =
                new String(Files.readAllBytes(data.resolve("keras/regression_model.h5")), StandardCharsets.ISO_8859_1);
        byte[] edited = original.replaceFirst("\"class_name\": \"Dropout\"", "\"class_name\": \"MyLayer\"")
                .getBytes(StandardCharsets.ISO_8859_1);
        api.createModel("cmapss-custom", "rul-lstm", Map.of());

        var response =
                api.register("cmapss-custom", edited, "{\"contract\":{\"inputShape\":[50,25],\"outputShape\":[1]}}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(response.getBody())
                .containsEntry("type", "urn:linewatch:problem:unsupported-keras-layer")
                .containsEntry("layer", "MyLayer");
        assertThat(response.getBody().get("detail").toString()).contains("MyLayer");
        assertThat(api.get("/api/v1/models/cmapss-custom").getBody().get("versions"))
                .asList()
                .isEmpty();
    }

    private double[] predict(String model, INDArray input) throws Exception {
        var artifact = api.download(model, 1);
        assertThat(artifact.getStatusCode()).isEqualTo(HttpStatus.OK);
        MultiLayerNetwork network =
                ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(artifact.getBody()), false);
        return network.output(input).reshape(-1).toDoubleVector();
    }
}
