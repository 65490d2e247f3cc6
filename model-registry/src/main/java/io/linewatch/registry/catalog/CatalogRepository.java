package io.linewatch.registry.catalog;

import io.linewatch.common.registry.ModelVersionInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for schema {@code registry}; JSON columns are maps in and out. */
@Repository
class CatalogRepository {

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CatalogRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record ModelRow(
            String name,
            String description,
            String task,
            Map<String, String> tags,
            String createdBy,
            Instant createdAt,
            Instant updatedAt) {}

    record AliasMove(
            long id,
            String alias,
            Integer fromVersion,
            Integer toVersion,
            String actor,
            String reason,
            Instant occurredAt) {}

    boolean insertModel(ModelRow model) {
        return jdbc.sql("""
                        INSERT INTO registered_model (name, description, task, tags, created_by, created_at, updated_at)
                        VALUES (:name, :description, :task, CAST(:tags AS jsonb), :createdBy, :at, :at)
                        ON CONFLICT (name) DO NOTHING
                        """)
                        .param("name", model.name())
                        .param("description", model.description())
                        .param("task", model.task())
                        .param("tags", json.writeValueAsString(model.tags()))
                        .param("createdBy", model.createdBy())
                        .param("at", Timestamp.from(model.createdAt()))
                        .update()
                == 1;
    }

    Optional<ModelRow> findModel(String name) {
        return jdbc.sql("SELECT * FROM registered_model WHERE name = :name")
                .param("name", name)
                .query(this::model)
                .optional();
    }

    /** Locks the model row for the rest of the transaction: serialises its versions and aliases. */
    Optional<ModelRow> lockModel(String name) {
        return jdbc.sql("SELECT * FROM registered_model WHERE name = :name FOR UPDATE")
                .param("name", name)
                .query(this::model)
                .optional();
    }

    List<ModelRow> searchModels(String name, String task, String tagKey, String tagValue, int limit, long offset) {
        return jdbc.sql("SELECT * FROM registered_model WHERE " + filter(tagValue)
                        + " ORDER BY name LIMIT :limit OFFSET :offset")
                .params(filterParams(name, task, tagKey, tagValue))
                .param("limit", limit)
                .param("offset", offset)
                .query(this::model)
                .list();
    }

    long countModels(String name, String task, String tagKey, String tagValue) {
        return jdbc.sql("SELECT count(*) FROM registered_model WHERE " + filter(tagValue))
                .params(filterParams(name, task, tagKey, tagValue))
                .query(Long.class)
                .single();
    }

    private static String filter(String tagValue) {
        return """
                (CAST(:name AS text) IS NULL OR name ILIKE '%' || :name || '%')
                AND (CAST(:task AS text) IS NULL OR task = :task)
                AND (CAST(:tagKey AS text) IS NULL OR jsonb_exists(tags, :tagKey))
                """ + (tagValue == null ? "" : " AND tags ->> :tagKey = :tagValue");
    }

    private static Map<String, Object> filterParams(String name, String task, String tagKey, String tagValue) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("task", task);
        params.put("tagKey", tagKey);
        if (tagValue != null) {
            params.put("tagValue", tagValue);
        }
        return params;
    }

    void updateModel(String name, String description, Map<String, String> tags, Instant at) {
        jdbc.sql("""
                        UPDATE registered_model SET
                          description = COALESCE(:description, description),
                          tags = COALESCE(CAST(:tags AS jsonb), tags),
                          updated_at = :at
                        WHERE name = :name
                        """)
                .param("name", name)
                .param("description", description)
                .param("tags", tags == null ? null : json.writeValueAsString(tags))
                .param("at", Timestamp.from(at))
                .update();
    }

    int nextVersion(String name) {
        return jdbc.sql("""
                        UPDATE registered_model SET next_version = next_version + 1
                        WHERE name = :name RETURNING next_version - 1
                        """).param("name", name).query(Integer.class).single();
    }

    void insertVersion(ModelVersionInfo v, String uploadSha256) {
        jdbc.sql("""
                        INSERT INTO model_version (model_name, version, sha256, size_bytes, upload_sha256, framework,
                          format, origin, description, contract, normalizer, thresholds, metrics, hyperparameters,
                          training_data, tags, created_by, created_at)
                        VALUES (:name, :version, :sha256, :size, :uploadSha256, :framework, :format, :origin,
                          :description, CAST(:contract AS jsonb), CAST(:normalizer AS jsonb),
                          CAST(:thresholds AS jsonb), CAST(:metrics AS jsonb), CAST(:hyperparameters AS jsonb),
                          CAST(:trainingData AS jsonb), CAST(:tags AS jsonb), :createdBy, :createdAt)
                        """)
                .param("name", v.modelName())
                .param("version", v.version())
                .param("sha256", v.sha256())
                .param("size", v.sizeBytes())
                .param("uploadSha256", uploadSha256)
                .param("framework", v.framework())
                .param("format", v.format())
                .param("origin", v.origin())
                .param("description", v.description())
                .param("contract", write(v.contract()))
                .param("normalizer", write(v.normalizer()))
                .param("thresholds", write(v.thresholds()))
                .param("metrics", write(v.metrics()))
                .param("hyperparameters", write(v.hyperparameters()))
                .param("trainingData", write(v.trainingData()))
                .param("tags", json.writeValueAsString(v.tags() == null ? Map.of() : v.tags()))
                .param("createdBy", v.createdBy())
                .param("createdAt", Timestamp.from(v.createdAt()))
                .update();
    }

    Optional<ModelVersionInfo> findVersion(String name, int version) {
        return jdbc.sql(VERSION_SELECT + " WHERE v.model_name = :name AND v.version = :version")
                .param("name", name)
                .param("version", version)
                .query(this::version)
                .optional();
    }

    Optional<ModelVersionInfo> findVersionByUpload(String name, String uploadSha256) {
        return jdbc.sql(VERSION_SELECT + " WHERE v.model_name = :name AND v.upload_sha256 = :sha")
                .param("name", name)
                .param("sha", uploadSha256)
                .query(this::version)
                .optional();
    }

    List<ModelVersionInfo> findVersions(String name) {
        return jdbc.sql(VERSION_SELECT + " WHERE v.model_name = :name ORDER BY v.version")
                .param("name", name)
                .query(this::version)
                .list();
    }

    boolean deleteVersion(String name, int version) {
        return jdbc.sql("DELETE FROM model_version WHERE model_name = :name AND version = :version")
                        .param("name", name)
                        .param("version", version)
                        .update()
                == 1;
    }

    Map<String, Integer> aliases(String name) {
        Map<String, Integer> aliases = new LinkedHashMap<>();
        jdbc.sql("SELECT alias, version FROM model_alias WHERE model_name = :name ORDER BY alias")
                .param("name", name)
                .query(rs -> {
                    aliases.put(rs.getString("alias"), rs.getInt("version"));
                });
        return aliases;
    }

    Optional<Integer> findAlias(String name, String alias) {
        return jdbc.sql("SELECT version FROM model_alias WHERE model_name = :name AND alias = :alias")
                .param("name", name)
                .param("alias", alias)
                .query(Integer.class)
                .optional();
    }

    void upsertAlias(String name, String alias, int version, String actor, Instant at) {
        jdbc.sql("""
                        INSERT INTO model_alias (model_name, alias, version, updated_by, updated_at)
                        VALUES (:name, :alias, :version, :actor, :at)
                        ON CONFLICT (model_name, alias) DO UPDATE
                          SET version = EXCLUDED.version, updated_by = EXCLUDED.updated_by,
                              updated_at = EXCLUDED.updated_at
                        """)
                .param("name", name)
                .param("alias", alias)
                .param("version", version)
                .param("actor", actor)
                .param("at", Timestamp.from(at))
                .update();
    }

    void deleteAlias(String name, String alias) {
        jdbc.sql("DELETE FROM model_alias WHERE model_name = :name AND alias = :alias")
                .param("name", name)
                .param("alias", alias)
                .update();
    }

    void insertMove(String name, String alias, Integer from, Integer to, String actor, String reason, Instant at) {
        jdbc.sql("""
                        INSERT INTO alias_history (model_name, alias, from_version, to_version, actor, reason, occurred_at)
                        VALUES (:name, :alias, :from, :to, :actor, :reason, :at)
                        """)
                .param("name", name)
                .param("alias", alias)
                .param("from", from)
                .param("to", to)
                .param("actor", actor)
                .param("reason", reason)
                .param("at", Timestamp.from(at))
                .update();
    }

    List<AliasMove> history(String name, String alias) {
        return jdbc.sql("""
                        SELECT * FROM alias_history
                        WHERE model_name = :name AND (CAST(:alias AS text) IS NULL OR alias = :alias)
                        ORDER BY id
                        """)
                .param("name", name)
                .param("alias", alias)
                .query((rs, n) -> new AliasMove(
                        rs.getLong("id"),
                        rs.getString("alias"),
                        (Integer) rs.getObject("from_version"),
                        (Integer) rs.getObject("to_version"),
                        rs.getString("actor"),
                        rs.getString("reason"),
                        rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    private static final String VERSION_SELECT = """
            SELECT v.*, m.task,
              ARRAY(SELECT a.alias FROM model_alias a
                    WHERE a.model_name = v.model_name AND a.version = v.version ORDER BY a.alias) AS aliases
            FROM model_version v JOIN registered_model m ON m.name = v.model_name
            """;

    private ModelRow model(ResultSet rs, int row) throws SQLException {
        return new ModelRow(
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("task"),
                json.readValue(rs.getString("tags"), STRING_MAP),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private ModelVersionInfo version(ResultSet rs, int row) throws SQLException {
        List<String> aliases = new ArrayList<>();
        for (Object alias : (Object[]) rs.getArray("aliases").getArray()) {
            aliases.add((String) alias);
        }
        return new ModelVersionInfo(
                rs.getString("model_name"),
                rs.getInt("version"),
                rs.getString("task"),
                rs.getString("sha256"),
                rs.getLong("size_bytes"),
                rs.getString("framework"),
                rs.getString("format"),
                rs.getString("origin"),
                rs.getString("description"),
                read(rs.getString("contract")),
                read(rs.getString("normalizer")),
                read(rs.getString("thresholds")),
                read(rs.getString("metrics")),
                read(rs.getString("hyperparameters")),
                read(rs.getString("training_data")),
                json.readValue(rs.getString("tags"), STRING_MAP),
                rs.getString("upload_sha256"),
                aliases,
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }

    private Map<String, Object> read(String value) {
        return value == null ? null : json.readValue(value, OBJECT_MAP);
    }

    private String write(Map<String, Object> value) {
        return value == null ? null : json.writeValueAsString(value);
    }
}
