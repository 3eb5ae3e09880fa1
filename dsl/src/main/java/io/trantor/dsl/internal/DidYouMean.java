package io.trantor.dsl.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Suggests the known field an unknown one was probably meant to be ({@code storagUri} → {@code storageUri}). */
final class DidYouMean {

    private static final int MAX_DISTANCE = 2;

    private DidYouMean() {
    }

    static Optional<String> suggest(String unknown, Collection<String> known) {
        return known.stream()
                .filter(k -> k.equalsIgnoreCase(unknown) || distance(k, unknown) <= MAX_DISTANCE)
                .min(Comparator.comparingInt((String k) -> k.equalsIgnoreCase(unknown) ? 0 : distance(k, unknown)));
    }

    // Levenshtein distance, two rows.
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
