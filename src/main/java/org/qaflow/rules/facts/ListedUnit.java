package org.qaflow.rules.facts;

/** A unit the catalogue lists for a qualification (the units of an Award, the Apprenticeship Diploma's units). */
public class ListedUnit {

    private final String qualification;
    private final String ref;
    private final String title;

    public ListedUnit(String qualification, String ref, String title) {
        this.qualification = qualification;
        this.ref = ref;
        this.title = title;
    }

    public String getQualification() { return qualification; }
    public String getRef() { return ref; }
    public String getTitle() { return title; }
}
