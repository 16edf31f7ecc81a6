package org.qaflow.centre;

public enum StaffRole { ASSESSOR, IQA }
