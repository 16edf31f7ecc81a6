package org.qaflow.learner;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;

/** Reading a page of claims in two steps (ClaimListingImpl); a fragment of ClaimRepository. */
public interface ClaimListing {

    /** A page of the claims the search names, in the page's order, with learner, centre and assessor fetched. */
    Page<Claim> page(Specification<Claim> search, Pageable pageable);
}
