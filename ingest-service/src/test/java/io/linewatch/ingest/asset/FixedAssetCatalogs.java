package io.linewatch.ingest.asset;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link AssetCatalog} over a fixed asset model, without PostgreSQL: for the in-process ingest
 * benchmark only, where the database is outside what is measured (the hot path never queries it).
 */
public final class FixedAssetCatalogs {

    private FixedAssetCatalogs() {}

    /** Machines {@code prefix0..n-1}, each with sensors {@code s0..s(k-1)} bounded to [min, max]. */
    public static AssetCatalog of(String prefix, int machines, int sensors, double min, double max) {
        List<AssetRepository.CatalogRow> rows = new ArrayList<>();
        for (int m = 0; m < machines; m++) {
            for (int s = 0; s < sensors; s++) {
                rows.add(new AssetRepository.CatalogRow(prefix + m, "s" + s, min, max));
            }
        }
        return new AssetCatalog(new AssetRepository(null) {
            @Override
            List<CatalogRow> catalogRows() {
                return rows;
            }
        });
    }
}
