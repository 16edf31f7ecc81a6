package org.qaflow.rules;

import org.junit.jupiter.api.BeforeEach;
import org.qaflow.support.TestDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/**
 * The application with the repository's rules/ as its rules folder, for the tests that only ask the rules and change
 * nothing: they share one application (and its start) through this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RepositoryRulesTestBase {

    static final Path DATA = TestDirs.newDataDir("repository-rules");

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry registry) {
        registry.add("qaflow.data-dir", DATA::toString);
        registry.add("qaflow.rules-dir", () -> Path.of("rules").toAbsolutePath().toString());
    }

    @LocalServerPort
    int port;
    RulesTestSupport.Api api;

    @BeforeEach
    void api() {
        api = new RulesTestSupport.Api(port);
    }
}
