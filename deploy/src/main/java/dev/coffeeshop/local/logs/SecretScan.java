package dev.coffeeshop.local.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds what must never be in a log line: the stack's own secrets (found by value), and what a secret looks like
 * whoever's it is: a bearer token (a JWT, three base64url parts, the first {@code eyJ}), the value of an
 * {@code Authorization} header, a private key, and a card number (13 to 19 digits, alone or in groups, with a card
 * network's first digits, passing the Luhn check). What it reports names the kind and where, never the value.
 */
public final class SecretScan {

    /** Shorter known values are not looked for: they would be found in ordinary words and names. */
    static final int SHORTEST_SECRET = 8;

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)\\b(?:proxy-)?authorization[\"']?\\s*[:=]\\s*[\"']?\\s*(?:bearer|basic|digest|token)\\s+[A-Za-z0-9._~+/=-]{8,}");

    private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/-]{20,}");

    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");

    /**
     * 13 to 19 digits in a row, or in groups of 3 to 6 parted by single spaces or dashes (4-4-4-4, 4-6-5), standing
     * alone: not inside a word, a UUID, a version, a time or an address.
     */
    private static final Pattern CARD_LIKE =
            Pattern.compile("(?<![\\w.:/-])(?:\\d{13,19}|\\d{3,6}(?:[ -]\\d{3,6}){2,4})(?![\\w:/-]|\\.\\d)");

    /** What was found on a line: the kind of secret, or whose it is; never the value. */
    public record Finding(String what) {}

    private final Map<String, String> known;

    /** @param known the secrets to look for, by what each is (e.g. "the Kafka password of order-intake") */
    public SecretScan(Map<String, String> known) {
        var kept = new java.util.LinkedHashMap<String, String>();
        known.forEach((what, value) -> {
            if (value != null && value.length() >= SHORTEST_SECRET) {
                kept.put(what, value);
            }
        });
        this.known = Map.copyOf(kept);
    }

    /** What of {@link #known} is too short to be looked for, by name. */
    public static List<String> tooShort(Map<String, String> known) {
        return known.entrySet().stream()
                .filter(e -> e.getValue() == null || e.getValue().length() < SHORTEST_SECRET)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** How many known secrets are looked for. */
    public int knownSecrets() {
        return known.size();
    }

    public List<Finding> scan(String line) {
        var findings = new ArrayList<Finding>();
        known.forEach((what, value) -> {
            if (line.contains(value)) {
                findings.add(new Finding(what));
            }
        });
        if (JWT.matcher(line).find()) {
            findings.add(new Finding("a bearer token (JWT)"));
        }
        if (AUTHORIZATION.matcher(line).find()) {
            findings.add(new Finding("an Authorization header's value"));
        } else if (BEARER.matcher(line).find()) {
            findings.add(new Finding("a bearer token"));
        }
        if (PRIVATE_KEY.matcher(line).find()) {
            findings.add(new Finding("a private key"));
        }
        var cards = CARD_LIKE.matcher(line);
        while (cards.find()) {
            if (isCardNumber(cards.group().replaceAll("[ -]", ""))) {
                findings.add(new Finding("a card number"));
                break;
            }
        }
        return findings;
    }

    /**
     * Whether {@code digits} could be a payment card's number: 13 to 19 digits, starting as the card networks' numbers
     * do (2 for Mastercard's 2221-2720, 3 for Amex, Diners and JCB, 4 for Visa, 5 for Mastercard and Maestro, 6 for
     * Discover, UnionPay and Maestro) and passing the Luhn check. Epoch milliseconds and nanoseconds start with 1 and are never taken for one.
     */
    static boolean isCardNumber(String digits) {
        if (digits.length() < 13 || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        boolean network =
                switch (digits.charAt(0)) {
                    case '2' -> four >= 2221 && four <= 2720;
                    case '3' -> two == 30 || (two >= 34 && two <= 38);
                    case '4' -> true;
                    case '5' -> true;
                    case '6' -> true;
                    default -> false;
                };
        return network && luhn(digits);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
