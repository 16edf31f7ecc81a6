package org.qaflow.security;

public enum Role { QUALITY_MANAGER, EQA, PROVIDER, ASSESSOR, IQA }
