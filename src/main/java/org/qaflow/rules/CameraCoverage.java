package org.qaflow.rules;

import java.util.List;

/** What a period's sample missed: assessors, units, methods and locations present in the period but never sampled. */
public record CameraCoverage(boolean complete, List<String> assessorsNotSampled, List<String> unitsNotSampled,
                             List<String> methodsNotSampled, List<String> locationsNotSampled) {
}
