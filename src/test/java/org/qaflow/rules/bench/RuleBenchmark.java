package org.qaflow.rules.bench;

import org.qaflow.rules.*;

import java.nio.file.Path;
import java.util.Map;

public class RuleBenchmark {
    public static void main(String[] args) throws Exception {
        CatalogueFacts catalogue = SampleCatalogue.read(Path.of("sample-data/catalogue"));
        Map<String, String> files = SampleCatalogue.ruleFiles(Path.of("rules"));
        long t = System.nanoTime();
        RuleSetCompiler.Outcome o = new RuleSetCompiler(catalogue).compile(files, 1);
        System.out.println("compile ms " + (System.nanoTime() - t) / 1e6 + " problems " + o.problems());
        if (o.ok()) {
            ScenarioRunner.Result r = new ScenarioRunner().run(o.ruleSet());
            System.out.println("scenarios " + r.scenariosRun() + " problems " + r.problems());
            r.failures().forEach(System.out::println);
            for (long id = 1; id < 40; id++) {
                System.out.print(id + ":" + new org.qaflow.rules.facts.IqaSamplingCheck(id, false, 9, false, 0, "LOW").draw(20261126) + " ");
            }
        }
    }
}
