package org.qaflow.rules;

import java.util.*;

/** A readable line diff between two versions of a rule set: per file, the lines removed (-) and added (+). */
final class LineDiff {

    private LineDiff() {
    }

    static String of(Map<String, String> before, Map<String, String> after) {
        StringBuilder out = new StringBuilder();
        Set<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            String a = before.get(path);
            String b = after.get(path);
            if (Objects.equals(a, b)) {
                continue;
            }
            out.append(a == null ? "added " : b == null ? "removed " : "changed ").append(path).append('\n');
            diff(lines(a), lines(b), out);
        }
        return out.toString();
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : List.of(text.split("\n", -1));
    }

    /** Longest common subsequence of lines; rule files are small, so the quadratic table is fine. */
    private static void diff(List<String> a, List<String> b, StringBuilder out) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.append(String.format("+%4d: %s%n", j + 1, b.get(j)));
                j++;
            } else {
                out.append(String.format("-%4d: %s%n", i + 1, a.get(i)));
                i++;
            }
        }
    }
}
