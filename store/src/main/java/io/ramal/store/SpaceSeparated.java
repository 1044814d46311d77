package io.ramal.store;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A set of words kept in one text column, sorted and separated by single spaces. */
final class SpaceSeparated {

    private SpaceSeparated() {}

    static String join(Set<String> words) {
        for (String word : words) {
            if (word.isBlank() || word.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("not a single word: '" + word + "'");
            }
        }
        return words.stream().sorted().collect(Collectors.joining(" "));
    }

    static Set<String> split(String column) {
        return Arrays.stream(column.split(" ")).filter(word -> !word.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
