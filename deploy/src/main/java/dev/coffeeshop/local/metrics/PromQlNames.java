package dev.coffeeshop.local.metrics;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The metric names a PromQL expression reads, as the Prometheus exposition names them ({@code x_total},
 * {@code x_bucket}, {@code x_count}, {@code x_sum}: PromQL selects the exposed series, so the names match as written).
 *
 * <p>A small tokenizer rather than a parser: every identifier is a metric name except a function or an aggregation (an
 * identifier followed by an opening parenthesis), a keyword ({@code by}, {@code without}, {@code on}, {@code ignoring},
 * {@code group_left}, {@code group_right}, {@code bool}, {@code offset}, {@code and}, {@code or}, {@code unless},
 * {@code atan2}, {@code Inf}, {@code NaN}, and the aggregations, which may have {@code by (...)} before their
 * parenthesis), a label name (inside a selector's braces, or in the parenthesized list after
 * {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left}, {@code group_right}). Skipped as well:
 * strings, comments, numbers and durations, ranges and subqueries in brackets, and Grafana's variables
 * ({@code $job}, {@code ${job}}, {@code $__rate_interval}).
 */
public final class PromQlNames {

    private static final Set<String> KEYWORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "and",
            "or",
            "unless",
            "atan2",
            "inf",
            "nan",
            // aggregations, which may come before their parenthesis with "by (...)" or "without (...)" in between
            "sum",
            "min",
            "max",
            "avg",
            "group",
            "stddev",
            "stdvar",
            "count",
            "count_values",
            "bottomk",
            "topk",
            "quantile",
            "limitk",
            "limit_ratio");

    /** Keywords followed by a parenthesized list of label names. */
    private static final Set<String> LABEL_LISTS =
            Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private PromQlNames() {}

    /** The metric names {@code expression} reads, in the order they first appear. */
    public static Set<String> of(String expression) {
        var names = new LinkedHashSet<String>();
        String text = expression;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(text, i);
            } else if (c == '#') {
                i = afterLine(text, i);
            } else if (c == '{') {
                i = after(text, i, '{', '}');
            } else if (c == '[') {
                i = after(text, i, '[', ']');
            } else if (c == '$') {
                i = afterVariable(text, i);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
                i = afterNumber(text, i);
            } else if (startsIdentifier(c)) {
                int end = i;
                while (end < n && partOfIdentifier(text.charAt(end))) {
                    end++;
                }
                String word = text.substring(i, end);
                int next = skipSpaces(text, end);
                String lower = word.toLowerCase(Locale.ROOT);
                if (LABEL_LISTS.contains(lower) && next < n && text.charAt(next) == '(') {
                    i = after(text, next, '(', ')');
                } else if (KEYWORDS.contains(lower) || (next < n && text.charAt(next) == '(')) {
                    i = end;
                } else {
                    names.add(word);
                    i = end;
                }
            } else {
                i++;
            }
        }
        return names;
    }

    private static boolean startsIdentifier(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean partOfIdentifier(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Past a string in double, single or back quotes; a backslash escapes in the first two, as in PromQL. */
    private static int afterString(String text, int from) {
        char quote = text.charAt(from);
        int i = from + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    private static int afterLine(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end + 1;
    }

    /** Past a bracketed part, nested brackets of its kind and strings inside it included. */
    private static int after(String text, int from, char open, char close) {
        int depth = 0;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(text, i);
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return i;
    }

    /** Past a Grafana variable: {@code $name}, {@code ${name}} or {@code ${name:format}}. */
    private static int afterVariable(String text, int from) {
        int i = from + 1;
        if (i < text.length() && text.charAt(i) == '{') {
            return after(text, i, '{', '}');
        }
        while (i < text.length() && partOfIdentifier(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Past a number or a duration: {@code 0.95}, {@code 1e3}, {@code 0x1f}, {@code 5m}, {@code 1h30m}. */
    private static int afterNumber(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean exponentSign = (c == '+' || c == '-')
                    && i > from
                    && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E')
                    && !text.substring(from, i).startsWith("0x");
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }
}
