package org.qaflow.catalogue;

/** The four quadrants of ISP's capability framework; rules of combination count units per quadrant. */
public enum UnitCategory { BUSINESS, CORE, LEADERSHIP, SELF }
