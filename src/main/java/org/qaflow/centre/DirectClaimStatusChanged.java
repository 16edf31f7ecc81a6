package org.qaflow.centre;

/** The quality manager granted or withdrew a centre's direct claim status; the workflow tells its waiting claims. */
public record DirectClaimStatusChanged(long centreId, boolean granted) {
}
