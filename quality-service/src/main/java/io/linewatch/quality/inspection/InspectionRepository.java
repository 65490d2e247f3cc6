package io.linewatch.quality.inspection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes {@code quality.inspection}. */
@Repository
class InspectionRepository {

    private static final TypeReference<LinkedHashMap<String, Double>> PROBABILITIES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    InspectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.json = JsonMapper.builder().build();
    }

    void insert(Inspection i, String imageKey) {
        jdbc.sql("""
                INSERT INTO inspection (id, line_id, station_id, product_type, serial, verdict, defect_class,
                    confidence, p_defect, probabilities, model_name, model_version, latency_ms, image_key,
                    inspected_at)
                VALUES (:id, :line, :station, :product, :serial, :verdict, :defect, :confidence, :pDefect,
                    CAST(:probabilities AS jsonb), :model, :version, :latency, :imageKey, :at)
                """)
                .param("id", i.id())
                .param("line", i.line())
                .param("station", i.station())
                .param("product", i.productType())
                .param("serial", i.serial())
                .param("verdict", i.verdict())
                .param("defect", i.defectClass())
                .param("confidence", i.confidence())
                .param("pDefect", i.pDefect())
                .param("probabilities", json.writeValueAsString(i.probabilities()))
                .param("model", i.modelName())
                .param("version", i.modelVersion())
                .param("latency", i.latencyMs())
                .param("imageKey", imageKey)
                .param("at", Timestamp.from(i.inspectedAt()))
                .update();
    }

    Optional<Inspection> find(UUID id) {
        return jdbc.sql("SELECT * FROM inspection WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    Optional<String> imageKey(UUID id) {
        return jdbc.sql("SELECT image_key FROM inspection WHERE id = :id AND image_key IS NOT NULL")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    /** Whether the inspection's image was deleted by retention. */
    boolean imageExpired(UUID id) {
        return jdbc.sql("SELECT image_expired_at IS NOT NULL FROM inspection WHERE id = :id")
                .param("id", id)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** Kept images older than {@code cutoff}, oldest first; labelled ones only if asked. */
    List<KeptImage> keptBefore(Instant cutoff, boolean includeLabelled, int limit) {
        return jdbc.sql("SELECT id, image_key FROM inspection WHERE image_key IS NOT NULL AND inspected_at < :cutoff"
                        + (includeLabelled ? "" : " AND label IS NULL")
                        + " ORDER BY inspected_at LIMIT :limit")
                .param("cutoff", Timestamp.from(cutoff))
                .param("limit", limit)
                .query((rs, n) -> new KeptImage(rs.getObject("id", UUID.class), rs.getString("image_key")))
                .list();
    }

    record KeptImage(UUID id, String key) {}

    /** Forgets the image of an inspection and records when; false if it was already gone. */
    boolean expireImage(UUID id, String key, Instant at) {
        return jdbc.sql("UPDATE inspection SET image_key = NULL, image_expired_at = :at"
                                + " WHERE id = :id AND image_key = :key")
                        .param("at", Timestamp.from(at))
                        .param("id", id)
                        .param("key", key)
                        .update()
                == 1;
    }

    /** Labelled inspections whose image is still kept, for retraining. */
    List<RelabelledImages.Example> labelledWithImages(String productType) {
        return jdbc.sql("SELECT id, label, image_key FROM inspection WHERE label IS NOT NULL AND image_key IS NOT NULL"
                        + (productType == null ? "" : " AND product_type = :product")
                        + " ORDER BY inspected_at")
                .params(productType == null ? Map.of() : Map.of("product", productType))
                .query((rs, n) -> new RelabelledImages.Example(
                        rs.getObject("id", UUID.class), rs.getString("label"), rs.getString("image_key")))
                .list();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM inspection").query(Long.class).single();
    }

    List<Inspection> search(InspectionQuery q) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        add(where, params, "line_id = :line", "line", q.line());
        add(where, params, "station_id = :station", "station", q.station());
        add(where, params, "product_type = :product", "product", q.productType());
        add(where, params, "verdict = :verdict", "verdict", q.verdict());
        add(where, params, "inspected_at >= :from", "from", q.from() == null ? null : Timestamp.from(q.from()));
        add(where, params, "inspected_at < :to", "to", q.to() == null ? null : Timestamp.from(q.to()));
        String sql = "SELECT * FROM inspection" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY inspected_at DESC, id LIMIT :limit";
        params.put("limit", q.limit());
        return jdbc.sql(sql).params(params).query(this::map).list();
    }

    boolean label(UUID id, String label) {
        return jdbc.sql("UPDATE inspection SET label = :label, labelled_at = now() WHERE id = :id")
                        .param("label", label)
                        .param("id", id)
                        .update()
                == 1;
    }

    private static void add(List<String> where, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            where.add(clause);
            params.put(name, value);
        }
    }

    private Inspection map(ResultSet rs, int row) throws SQLException {
        double pDefect = rs.getDouble("p_defect");
        Double p = rs.wasNull() ? null : pDefect;
        Instant at = rs.getTimestamp("inspected_at").toInstant();
        return new Inspection(
                rs.getObject("id", UUID.class),
                rs.getString("line_id"),
                rs.getString("station_id"),
                rs.getString("product_type"),
                rs.getString("serial"),
                rs.getString("verdict"),
                rs.getString("defect_class"),
                rs.getDouble("confidence"),
                p,
                json.readValue(rs.getString("probabilities"), PROBABILITIES),
                rs.getString("model_name"),
                rs.getInt("model_version"),
                rs.getDouble("latency_ms"),
                rs.getString("image_key") != null,
                rs.getString("label"),
                at,
                rs.getTimestamp("image_expired_at") == null
                        ? null
                        : rs.getTimestamp("image_expired_at").toInstant());
    }
}
