package org.invariantlab.core.symbolic;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An exact rational number {@code numerator/denominator} in lowest terms with a positive denominator.
 *
 * @param numerator   the numerator, carrying the sign
 * @param denominator the denominator, positive
 */
public record Rational(BigInteger numerator, BigInteger denominator) implements Comparable<Rational> {

    /** Zero. */
    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);

    private static final MathContext QUOTIENT_PRECISION = new MathContext(25);

    public Rational {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (denominator.signum() == 0) {
            throw new IllegalArgumentException("zero denominator");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger g = numerator.gcd(denominator);
        if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
            numerator = numerator.divide(g);
            denominator = denominator.divide(g);
        }
    }

    /** {@code p/q}. */
    public static Rational of(long p, long q) {
        return new Rational(BigInteger.valueOf(p), BigInteger.valueOf(q));
    }

    /** The exact value of a finite double. */
    public static Rational exact(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        BigDecimal d = new BigDecimal(v);
        return d.scale() <= 0
                ? new Rational(d.toBigIntegerExact(), BigInteger.ONE)
                : new Rational(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
    }

    /**
     * The simplest rational within {@code tolerance} of {@code value}: of all rationals {@code p/q} with
     * {@code |value − p/q| ≤ tolerance}, the one with the smallest denominator (and, among those, the
     * smallest {@code |p|}). This is the rule of Mathematica's {@code Rationalize[x, dx]}; 0.6823 gives 2/3 at
     * tolerance 0.02, values within the tolerance of 0 give 0, and tolerance 0 gives the exact value.
     *
     * <p>Computed exactly from the continued fractions of the interval's ends (the simplest rational in an
     * interval is the first point of the Stern–Brocot tree inside it; A. Y. Khinchin, <i>Continued
     * Fractions</i>, 1964, §6). Unlike Symja 3.0.0's {@code Rationalize}, which returns 28/29 for 0.96664
     * but 29/30 for 0.96667 at tolerance 0.02, it is stable: nearby values give the same rational unless one
     * lies at the edge of the interval.
     *
     * @throws IllegalArgumentException for a non-finite value or a negative or non-finite tolerance
     */
    public static Rational simplestWithin(double value, double tolerance) {
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + tolerance);
        }
        if (Math.abs(value) <= tolerance) {
            return ZERO; // the same test as lo ≤ 0 ≤ hi below (comparing doubles is exact), without big integers
        }
        Rational v = exact(value);
        Rational t = exact(tolerance);
        Rational lo = v.subtract(t);
        Rational hi = v.add(t);
        if (lo.signum() <= 0 && hi.signum() >= 0) {
            return ZERO;
        }
        if (hi.signum() < 0) {
            return simplestPositive(hi.negate(), lo.negate()).negate();
        }
        return simplestPositive(lo, hi);
    }

    /** Simplest rational in {@code [lo, hi]}, {@code 0 < lo ≤ hi}. */
    private static Rational simplestPositive(Rational lo, Rational hi) {
        List<BigInteger> terms = new ArrayList<>();
        Rational a = lo;
        Rational b = hi;
        while (true) {
            BigInteger floor = a.floor();
            Rational whole = new Rational(floor, BigInteger.ONE);
            if (whole.compareTo(a) == 0) {
                terms.add(floor);
                break;
            }
            BigInteger next = floor.add(BigInteger.ONE);
            if (new Rational(next, BigInteger.ONE).compareTo(b) <= 0) {
                terms.add(next);
                break;
            }
            // a, b in (floor, floor + 1): continue with the reciprocals of the fractional parts, reversed
            terms.add(floor);
            Rational newA = b.subtract(whole).reciprocal();
            Rational newB = a.subtract(whole).reciprocal();
            a = newA;
            b = newB;
        }
        Rational x = new Rational(terms.get(terms.size() - 1), BigInteger.ONE);
        for (int i = terms.size() - 2; i >= 0; i--) {
            x = new Rational(terms.get(i), BigInteger.ONE).add(x.reciprocal());
        }
        return x;
    }

    /** {@code true} for zero. */
    public boolean isZero() {
        return numerator.signum() == 0;
    }

    /** −1, 0 or 1. */
    public int signum() {
        return numerator.signum();
    }

    /** {@code this + other}. */
    public Rational add(Rational other) {
        return new Rational(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    /** {@code this − other}. */
    public Rational subtract(Rational other) {
        return add(other.negate());
    }

    /** {@code this · other}. */
    public Rational multiply(Rational other) {
        return new Rational(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    /** {@code this / other}; undefined for a zero {@code other}. */
    public Rational divide(Rational other) {
        return multiply(other.reciprocal());
    }

    /** {@code |this|}. */
    public Rational abs() {
        return numerator.signum() < 0 ? negate() : this;
    }

    /** {@code −this}. */
    public Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    /** {@code 1/this}; undefined for zero. */
    public Rational reciprocal() {
        return new Rational(denominator, numerator);
    }

    /** The largest integer not above this. */
    public BigInteger floor() {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    @Override
    public int compareTo(Rational other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    /** The value as a double (the quotient to 25 significant digits, then rounded to double). */
    public double doubleValue() {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), QUOTIENT_PRECISION).doubleValue();
    }

    /** Symja syntax: {@code -2/3}, {@code 5}. */
    @Override
    public String toString() {
        return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator;
    }
}
