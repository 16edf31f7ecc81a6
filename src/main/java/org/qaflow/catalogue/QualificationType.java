package org.qaflow.catalogue;

public enum QualificationType { AWARD, CERTIFICATE, DIPLOMA, APPRENTICESHIP_DIPLOMA }
