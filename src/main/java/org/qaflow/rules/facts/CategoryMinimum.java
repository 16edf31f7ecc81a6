package org.qaflow.rules.facts;

/** A row of rules/combination data: at least this many units of a category for a type of qualification. */
public class CategoryMinimum {

    private String qualificationType;
    private String category;
    private int minimum;

    public String getQualificationType() { return qualificationType; }
    public String getCategory() { return category; }
    public int getMinimum() { return minimum; }
}
