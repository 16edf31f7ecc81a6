/**
 * The facts the rule files in {@code rules/} reason about. Check facts carry one request and collect the outcome;
 * the other facts are rows of the data files a quality manager edits (numbers and lists live there, not in DRL).
 */
package org.qaflow.rules.facts;
