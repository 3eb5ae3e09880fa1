package io.trantor.dsl;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity such as {@code 100Ki}, {@code 1.5Gi}, {@code 3G} or {@code 1e6}, kept
 * with its original text (so a manifest is written back as the user wrote it) and its value in whole
 * units, rounded up as Kubernetes' {@code Quantity.Value()} does.
 */
public record Quantity(String text, long value) {

    private static final Pattern SYNTAX = Pattern.compile("^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(.*)$");
    private static final Pattern EXPONENT = Pattern.compile("^[eE]([+-]?[0-9]+)$");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

    /** What every parse error says is expected. */
    public static final String EXPECTED = "a Kubernetes quantity such as 100Ki, 1.5Gi, 3G or 1000000";

    /** Memory in bytes (the only use Seldon makes of quantities). */
    public long bytes() {
        return value;
    }

    public static Quantity ofBytes(long bytes) {
        return new Quantity(Long.toString(bytes), bytes);
    }

    /**
     * Parses a quantity.
     *
     * @throws IllegalArgumentException with a message saying what is wrong, when {@code text} is not a
     *                                  quantity or does not fit in a long
     */
    public static Quantity parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        Matcher m = SYNTAX.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not " + EXPECTED);
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        BigDecimal multiplier = SUFFIXES.get(suffix);
        if (multiplier == null) {
            Matcher e = EXPONENT.matcher(suffix);
            if (!e.matches() || e.group(1).replaceFirst("^[+-]", "").length() > 3) {
                throw new IllegalArgumentException("\"" + text + "\" has unknown suffix \"" + suffix
                        + "\"; expected one of Ki Mi Gi Ti Pi Ei, n u m k M G T P E or an exponent like e6");
            }
            multiplier = BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(e.group(1)));
        }
        BigDecimal value = number.multiply(multiplier).setScale(0, RoundingMode.CEILING);
        try {
            return new Quantity(trimmed, value.longValueExact());
        } catch (ArithmeticException tooLarge) {
            throw new IllegalArgumentException("\"" + text + "\" is too large (at most " + Long.MAX_VALUE + ")");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
