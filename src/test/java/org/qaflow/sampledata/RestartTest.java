package org.qaflow.sampledata;

import org.junit.jupiter.api.Test;
import org.qaflow.QaflowApplication;
import org.qaflow.support.TestDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The H2 file database outlives the application: a restart finds what was there and loads nothing twice. */
class RestartTest {

    @Test
    void aRestartedApplicationFindsItsDataAndDoesNotReloadSampleData() {
        Path dataDir = TestDirs.newDataDir("restart");
        try (ConfigurableApplicationContext first = start(dataDir)) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from unit", Integer.class)).isEqualTo(32);
            jdbc.update("update centre set name = 'Renamed before restart' where code = 'SUM03'");
        }
        try (ConfigurableApplicationContext second = start(dataDir)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select name from centre where code = 'SUM03'", String.class))
                    .isEqualTo("Renamed before restart");
            assertThat(jdbc.queryForObject("select count(*) from unit", Integer.class)).isEqualTo(32);
            assertThat(jdbc.queryForObject("select count(*) from centre", Integer.class)).isEqualTo(3);
            assertThat(jdbc.queryForObject("select count(*) from app_user", Integer.class)).isGreaterThanOrEqualTo(5);
        }
    }

    static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(QaflowApplication.class)
                .run("--qaflow.data-dir=" + dataDir, "--server.port=0");
    }
}
