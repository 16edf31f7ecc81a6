package org.qaflow.learner;

import org.qaflow.catalogue.Qualification;
import org.qaflow.catalogue.Unit;
import org.qaflow.catalogue.UnitCategory;
import org.qaflow.catalogue.UnitRepository;
import org.qaflow.rules.CombinationResult;
import org.qaflow.rules.RuleEngine;
import org.qaflow.rules.RuleSet;
import org.qaflow.rules.facts.CategoryMinimum;
import org.qaflow.rules.facts.CombinationRequirement;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.*;

/**
 * The registration form's units: a qualification's units grouped by category, with the credit range and category
 * minimums from the active rules of combination, and the rules' own verdict on the units chosen so far. The page's
 * script only keeps the running total up to date; the rules decide at registration.
 */
@Component
public class UnitPicker {

    private final UnitRepository units;
    private final RuleEngine rules;

    public UnitPicker(UnitRepository units, RuleEngine rules) {
        this.units = units;
        this.rules = rules;
    }

    public record Choice(String ref, String title, int credit, boolean mandatory, boolean checked) {
    }

    public record Group(String category, String words, int minimum, int chosen, List<Choice> units) {
    }

    /** fixed: the qualification is exactly its listed units (awards), all ticked and not to be changed. */
    public record Picker(String qan, String title, boolean fixed, Integer minCredits, Integer maxCredits,
                         List<Group> groups, int credits, boolean achieved, List<String> stillNeeded) {
    }

    @Transactional(readOnly = true)
    public Picker of(Qualification qualification, Collection<String> chosen) {
        Set<String> picked = new LinkedHashSet<>();
        chosen.forEach(ref -> picked.add(ref.trim().toUpperCase(Locale.ROOT)));
        boolean fixed = !qualification.getUnits().isEmpty();
        List<Unit> offered = fixed ? units.findByRefIn(qualification.getUnits()).stream()
                .sorted(Comparator.comparing(Unit::getPosition)).toList() : units.findAllByOrderByPosition();
        if (fixed) {
            picked.clear();
            picked.addAll(qualification.getUnits());
        }
        RuleSet active = rules.active();
        String type = qualification.getType().name();
        Integer minCredits = null;
        Integer maxCredits = null;
        for (CombinationRequirement r : active.combinationRequirements(type)) {
            minCredits = r.getMinCredits() != null ? r.getMinCredits() : minCredits;
            maxCredits = r.getMaxCredits() != null ? r.getMaxCredits() : maxCredits;
        }
        Map<String, Integer> minimums = new HashMap<>();
        for (CategoryMinimum m : active.categoryMinimums(type)) {
            minimums.put(m.getCategory(), m.getMinimum());
        }
        List<Group> groups = new ArrayList<>();
        int credits = 0;
        for (UnitCategory category : UnitCategory.values()) {
            List<Choice> choices = offered.stream().filter(u -> u.getCategory() == category)
                    .map(u -> new Choice(u.getRef(), u.getTitle(), u.getCredit(), fixed, picked.contains(u.getRef())))
                    .toList();
            if (choices.isEmpty()) {
                continue;
            }
            int count = (int) choices.stream().filter(Choice::checked).count();
            credits += choices.stream().filter(Choice::checked).mapToInt(Choice::credit).sum();
            String name = category.name();
            groups.add(new Group(name, name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT),
                    minimums.getOrDefault(name, 0), count, choices));
        }
        CombinationResult verdict = rules.combination(qualification.getQan(), picked);
        return new Picker(qualification.getQan(), qualification.getTitle(), fixed, minCredits, maxCredits, groups, credits,
                verdict.achieved(), verdict.reasons());
    }
}
