package org.qaflow.volume;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The size of the awarding organisation the fixture builds (docs/load-test.md). Defaults are the large AO;
 * tests and quick checks pass smaller numbers, e.g. {@code --qaflow.volume.claims=500 --qaflow.volume.centres=2}.
 *
 * @param claims      claims in total, finished ones bulk-loaded plus the open ones the services create
 * @param centres     fixture centres (codes V0001...)
 * @param staff       assessors and IQAs across all fixture centres (six assessors to four IQAs; 0: ten a centre)
 * @param openTasks   open tasks in the inbox to reach through the real services before stopping
 * @param seed        the random seed: the same settings give the same organisation
 * @param exit        stop the application once the fixture is filled and checked (a command, not a server)
 */
@ConfigurationProperties("qaflow.volume")
public record VolumeSettings(@DefaultValue("100000") int claims, @DefaultValue("300") int centres,
                             @DefaultValue("0") int staff, @DefaultValue("10000") int openTasks,
                             @DefaultValue("11") long seed, @DefaultValue("false") boolean exit) {

    public VolumeSettings {
        if (centres < 1 || claims < 1 || openTasks < 0) {
            throw new IllegalArgumentException("qaflow.volume: claims and centres must be at least 1, open-tasks at "
                    + "least 0 (claims=" + claims + ", centres=" + centres + ", open-tasks=" + openTasks + ")");
        }
        staff = staff > 0 ? staff : centres * 10;
        if (staff < centres * 2) {
            throw new IllegalArgumentException("qaflow.volume.staff: at least an assessor and an IQA per centre ("
                    + centres * 2 + "), not " + staff);
        }
    }

    int assessorsPerCentre() {
        return Math.max(1, staff / centres * 6 / 10);
    }

    int iqasPerCentre() {
        return Math.max(1, staff / centres - assessorsPerCentre());
    }
}
