package org.qaflow.problem;

import java.util.List;

/** Long lists are answered a page at a time; a page size outside 1..200 is the caller's mistake, said plainly. */
public final class Paging {

    public static final int MAX_SIZE = 200;

    private Paging() {
    }

    public static <T> List<T> page(List<T> all, int page, int size) {
        if (page < 0) {
            throw new BadRequestException("page: " + page + " is below 0 (pages count from 0)");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new BadRequestException("size: " + size + " is not between 1 and " + MAX_SIZE);
        }
        long from = (long) page * size;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + size));
    }
}
