package io.launchcast.feature.online.aws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SageMaker Feature Store accepts feature names of letters, digits, '-' and '_' only (at most 64 characters);
 * ours use '.', '&' and '=' as separators. Each other character is written as {@code -xx-} (its hex code), which
 * is reversible and stays within the allowed alphabet.
 */
final class FeatureNames {

    private static final Pattern ENCODED = Pattern.compile("-([0-9a-f]{2})-");
    static final int MAX_LENGTH = 64;

    private FeatureNames() {
    }

    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128 || c == '_') {
                out.append(c);
            } else if (c < 256) {
                out.append('-').append(String.format("%02x", (int) c)).append('-');
            } else {
                throw new IllegalArgumentException("feature name '" + name + "' has a character SageMaker cannot store");
            }
        }
        if (out.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("feature name '" + name + "' is " + out.length()
                    + " characters once encoded for SageMaker Feature Store; the limit is " + MAX_LENGTH);
        }
        return out.toString();
    }

    static String decode(String encoded) {
        Matcher m = ENCODED.matcher(encoded);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(out).toString();
    }
}
