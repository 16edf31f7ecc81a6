package org.qaflow.rules;

import org.qaflow.catalogue.Qualification;
import org.qaflow.catalogue.Unit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue as the rules see it: read once at start, immutable, shared by every rule set version, so an
 * evaluation never touches the database.
 */
public record CatalogueFacts(Map<String, UnitInfo> units, Map<String, QualificationInfo> qualifications) {

    public record UnitInfo(String ref, String title, int level, String category, int credit) {
    }

    public record QualificationInfo(String qan, String title, String type, List<String> units) {
    }

    public CatalogueFacts {
        units = Map.copyOf(units);
        qualifications = Map.copyOf(qualifications);
    }

    public static CatalogueFacts of(Collection<Unit> units, Collection<Qualification> qualifications) {
        Map<String, UnitInfo> u = new LinkedHashMap<>();
        units.forEach(x -> u.put(x.getRef(),
                new UnitInfo(x.getRef(), x.getTitle(), x.getLevel(), x.getCategory().name(), x.getCredit())));
        Map<String, QualificationInfo> q = new LinkedHashMap<>();
        qualifications.forEach(x -> q.put(x.getQan(),
                new QualificationInfo(x.getQan(), x.getTitle(), x.getType().name(), List.copyOf(x.getUnits()))));
        return new CatalogueFacts(u, q);
    }
}
