package io.linewatch.quality;

import io.linewatch.common.test.TestKeys;
import java.util.List;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/** HTTP helpers of the integration tests: an admin client that never throws on status, and inspection forms. */
public final class TestHttp {

    private TestHttp() {}

    public static RestClient admin(int port) {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build();
    }

    /** A multipart inspection form: images under {@code part}, the origin fields, an optional serial. */
    public static MultiValueMap<String, Object> form(
            List<byte[]> images, String part, String line, String station, String productType, String serial) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < images.size(); i++) {
            String name = "part" + i + ".png";
            form.add(part, new ByteArrayResource(images.get(i)) {
                @Override
                public String getFilename() {
                    return name;
                }
            });
        }
        form.add("line", line);
        form.add("station", station);
        form.add("productType", productType);
        if (serial != null) {
            form.add("serial", serial);
        }
        return form;
    }
}
