package org.qaflow.volume;

import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On H2 every identity column keeps a large cache of values (db/vendor/h2/V10_8__identity_cache.sql): with H2's default
 * of 32, each refill stores the whole database, once or twice a registration. A new table needs the same line.
 */
class IdentityCacheTest extends JourneyTestBase {

    @Test
    void everyIdentityColumnOnH2KeepsAThousandValuesInCache() {
        assertThat(jdbc.queryForList("select table_name from information_schema.columns where is_identity = 'YES'"
                + " and table_schema = 'PUBLIC' and identity_cache < 1000", String.class)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from information_schema.columns where is_identity = 'YES'"
                + " and table_schema = 'PUBLIC'", Integer.class)).isGreaterThanOrEqualTo(24);
    }
}
