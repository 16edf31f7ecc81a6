package org.qaflow.problem;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Long lists are answered a page at a time; a page size outside 1..200 is the caller's mistake, said plainly. */
public final class Paging {

    public static final int MAX_SIZE = 200;

    private Paging() {
    }

    /**
     * A page for the database to fetch. sort: "field" or "field,asc|desc", several separated by ';'; blank for the
     * list's own order. Which fields may be sorted on is the list's to say.
     */
    public static PageRequest request(int page, int size, String sort) {
        check(page, size);
        List<Sort.Order> orders = new ArrayList<>();
        if (sort != null && !sort.isBlank()) {
            for (String term : sort.split(";")) {
                String[] parts = term.trim().split(",");
                String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
                if (parts.length > 2 || parts[0].isBlank() || !(direction.equals("asc") || direction.equals("desc"))) {
                    throw new BadRequestException("sort: '" + term.trim() + "' is not field or field,asc or field,desc");
                }
                orders.add(direction.equals("desc") ? Sort.Order.desc(parts[0].trim()) : Sort.Order.asc(parts[0].trim()));
            }
        }
        return PageRequest.of(page, size, Sort.by(orders));
    }

    private static void check(int page, int size) {
        if (page < 0) {
            throw new BadRequestException("page: " + page + " is below 0 (pages count from 0)");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new BadRequestException("size: " + size + " is not between 1 and " + MAX_SIZE);
        }
    }
}
