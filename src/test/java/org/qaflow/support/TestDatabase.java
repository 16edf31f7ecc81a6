package org.qaflow.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a test application keeps its data: by default an H2 file database in a fresh folder; when the system property
 * {@code qaflow.test.postgres.url} names a PostgreSQL server (an admin URL such as
 * {@code jdbc:postgresql://127.0.0.1:5433/postgres}), a fresh database created on it for this test application.
 * {@code .ci/run} starts such a server and runs the integration tests against it as well as against H2.
 */
public final class TestDatabase {

    public static final String POSTGRES_URL = "qaflow.test.postgres.url";

    private final String name;
    private final Map<String, String> properties;

    private TestDatabase(String name, Map<String, String> properties) {
        this.name = name;
        this.properties = properties;
    }

    public static boolean onPostgres() {
        return !setting(POSTGRES_URL, "").isBlank();
    }

    /** A system property, treating Maven's unresolved "${env.X}" (X not set) as absent. */
    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, "");
        return value.isBlank() || value.startsWith("${") ? fallback : value;
    }

    /** A new, empty database (PostgreSQL when configured, otherwise H2 files under target/test-data). */
    public static TestDatabase create(String purpose) {
        Map<String, String> properties = new LinkedHashMap<>();
        Path dataDir = TestDirs.newDataDir(purpose);
        properties.put("qaflow.data-dir", dataDir.toString());
        if (!onPostgres()) {
            return new TestDatabase(dataDir.toString(), properties);
        }
        String database = ("qaflow_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase().replaceAll("[^a-z0-9_]", "_");
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + database + " on "
                    + setting(POSTGRES_URL, "") + ": " + e.getMessage(), e);
        }
        properties.put("spring.datasource.url", url(database));
        properties.put("spring.datasource.username", user());
        properties.put("spring.datasource.password", password());
        properties.put("spring.datasource.driver-class-name", "org.postgresql.Driver");
        return new TestDatabase(database, properties);
    }

    public String name() {
        return name;
    }

    public Map<String, String> properties() {
        return properties;
    }

    /** The properties as command-line arguments, for applications started with SpringApplicationBuilder. */
    public String[] args(String... more) {
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** A connection to the server's admin database (only on PostgreSQL), e.g. to cut this database's connections. */
    public static Connection admin() throws SQLException {
        return DriverManager.getConnection(setting(POSTGRES_URL, ""), user(), password());
    }

    private static String url(String database) {
        String admin = setting(POSTGRES_URL, "");
        int slash = admin.lastIndexOf('/');
        int query = admin.indexOf('?', slash);
        return admin.substring(0, slash + 1) + database + (query < 0 ? "" : admin.substring(query));
    }

    private static String user() {
        return setting("qaflow.test.postgres.user", "postgres");
    }

    private static String password() {
        return setting("qaflow.test.postgres.password", "");
    }
}
