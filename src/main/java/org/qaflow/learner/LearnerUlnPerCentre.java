package org.qaflow.learner;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Schema migration 7.5: a ULN is unique per centre, not across centres. With one learner row per ULN everywhere, a
 * provider typing a ULN another centre had registered learnt so from the refusal. Written in Java because the
 * unique constraint V1 created has a generated name that differs between H2 and PostgreSQL; it is looked up in the
 * standard information schema. Spring Boot hands JavaMigration beans to Flyway.
 */
@Component
public class LearnerUlnPerCentre implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("7.5");
    }

    @Override
    public String getDescription() {
        return "learner uln unique per centre";
    }

    @Override
    public Integer getChecksum() {
        return 75;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        List<String> constraints = new ArrayList<>();
        try (Statement find = connection.createStatement();
             ResultSet rows = find.executeQuery("select tc.constraint_name from information_schema.table_constraints tc"
                     + " join information_schema.key_column_usage k on k.constraint_name = tc.constraint_name"
                     + " and k.table_name = tc.table_name and k.table_schema = tc.table_schema"
                     + " where lower(tc.table_name) = 'learner' and tc.constraint_type = 'UNIQUE'"
                     + " and lower(tc.table_schema) = lower(current_schema) and lower(k.column_name) = 'uln'")) {
            while (rows.next()) {
                constraints.add(rows.getString(1));
            }
        }
        if (constraints.size() != 1) {
            throw new IllegalStateException("expected one unique constraint on learner.uln, found " + constraints);
        }
        try (Statement change = connection.createStatement()) {
            change.execute("alter table learner drop constraint \"" + constraints.get(0) + "\"");
            change.execute("alter table learner add constraint learner_centre_uln unique (centre_id, uln)");
        }
    }
}
