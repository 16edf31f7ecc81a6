package org.qaflow.rules;

/**
 * An EQA visit's outcome as the direct claim rules read it. The rule engine sits below eqa (which calls it), so the
 * rules have their own word for it; the values match EqaVisit.Outcome by name.
 */
public enum VisitOutcome { SATISFACTORY, UNSATISFACTORY }
