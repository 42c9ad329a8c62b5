package org.invariantlab.core.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.training.PairExamples;
import org.junit.jupiter.api.Test;

/**
 * The sampler on data whose states carry their own group and member index ({@code (group, member, noise)}),
 * so every pair can be checked exactly.
 */
class PermutationSamplerTest {

    private final PermutationSampler sampler = new PermutationSampler();

    private static GroupedData labelled(int groups, int perGroup) {
        SplittableRandom rng = new SplittableRandom(99);
        double[] v = new double[groups * perGroup * 3];
        int k = 0;
        for (int g = 0; g < groups; g++) {
            for (int m = 0; m < perGroup; m++) {
                v[k++] = g;
                v[k++] = m;
                v[k++] = rng.nextDouble();
            }
        }
        return new GroupedData(List.of("group", "member", "noise"), groups, perGroup, v);
    }

    private Parameters params(String positivesPerGroup) {
        Map<String, String> overrides = positivesPerGroup == null ? Map.of() : Map.of("positivesPerGroup", positivesPerGroup);
        return Parameters.resolve(sampler.id(), sampler.parameters(), overrides);
    }

    @Test
    void balancedPositivesWithinAndNegativesAcrossGroups() {
        int groups = 50;
        int perGroup = 4;
        for (String p : new String[] {null, "3", "6"}) {
            int positives = p == null ? perGroup / 2 : Integer.parseInt(p); // automatic: max(1, m/2)
            PairExamples ex = sampler.examples(labelled(groups, perGroup), params(p), 5);
            assertEquals(2 * groups * positives, ex.count());
            double[] first = ex.first();
            double[] second = ex.second();
            double[] labels = ex.labels();
            int[] positivesOf = new int[groups];
            int[] negativesFirst = new int[groups];
            int[] negativesSecond = new int[groups];
            Set<String> positivePairs = new HashSet<>();
            for (int i = 0; i < ex.count(); i++) {
                int g1 = (int) first[3 * i];
                int m1 = (int) first[3 * i + 1];
                int g2 = (int) second[3 * i];
                int m2 = (int) second[3 * i + 1];
                if (labels[i] == 1) {
                    assertEquals(g1, g2, "a positive pair lies within one group");
                    assertNotEquals(m1, m2, "a positive pair has two distinct members");
                    assertTrue(positivePairs.add(g1 + ":" + Math.min(m1, m2) + "-" + Math.max(m1, m2)),
                            "positives of a group are distinct pairs");
                    positivesOf[g1]++;
                } else {
                    assertNotEquals(g1, g2, "a negative pair never lies within one group");
                    negativesFirst[g1]++;
                    negativesSecond[g2]++;
                }
            }
            for (int g = 0; g < groups; g++) {
                assertEquals(positives, positivesOf[g]);
                assertEquals(positives, negativesFirst[g], "each permutation round uses every group once as first");
                assertEquals(positives, negativesSecond[g], "and once as second");
            }
        }
    }

    @Test
    void pairsAreShuffled() {
        double[] labels = sampler.examples(labelled(100, 3), params(null), 1).labels();
        int firstHalfPositives = 0;
        for (int i = 0; i < 100; i++) {
            firstHalfPositives += (int) labels[i];
        }
        // the first half holds Binomial(100, 1/2)-like counts after shuffling; 35..65 is a ±3σ band
        assertTrue(firstHalfPositives > 35 && firstHalfPositives < 65, "positives in first half: " + firstHalfPositives);
    }

    @Test
    void theSameSeedGivesTheSamePairs() {
        GroupedData data = labelled(30, 5);
        PairExamples a = sampler.examples(data, params("2"), 42);
        PairExamples b = sampler.examples(data, params("2"), 42);
        PairExamples c = sampler.examples(data, params("2"), 43);
        assertArrayEquals(a.first(), b.first());
        assertArrayEquals(a.second(), b.second());
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(java.util.Arrays.equals(a.first(), c.first()));
    }

    @Test
    void refusesGroupsOfOneStateAndASingleGroup() {
        InvariantLabException one = assertThrows(InvariantLabException.class,
                () -> sampler.examples(labelled(10, 1), params(null), 1));
        assertEquals("the 'permutation' sampler needs at least 2 states per group to form positive pairs, but the"
                + " data have 1; give 2 or more states per group", one.getMessage());
        InvariantLabException single = assertThrows(InvariantLabException.class,
                () -> sampler.examples(labelled(1, 5), params(null), 1));
        assertTrue(single.getMessage().contains("needs at least 2 groups"), single::getMessage);
    }

    @Test
    void refusesMorePositivesThanDistinctPairs() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> sampler.examples(labelled(10, 4), params("7"), 1));
        assertEquals("positivesPerGroup", e.parameter());
        assertEquals("'permutation': positivesPerGroup = 7 must be between 1 and the 6 distinct pairs in a group of 4"
                + " states", e.getMessage());
        assertThrows(InvalidParameterException.class, () -> params("-1"));
    }

    /** Automatic: Wetzel et al.'s one pair for groups of two states, half the states for larger groups. */
    @Test
    void automaticPositivesFollowTheGroupSize() {
        assertEquals(1, PermutationSampler.positives(0, 2));
        assertEquals(1, PermutationSampler.positives(0, 3));
        assertEquals(50, PermutationSampler.positives(0, 100));
        assertEquals(7, PermutationSampler.positives(7, 100));
        assertEquals(2 * 10 * 1, sampler.examples(labelled(10, 2), params(null), 1).count());
    }

    @Test
    void pairIndicesEnumerateEveryUnorderedPairOnce() {
        for (int m = 2; m <= 9; m++) {
            Set<String> seen = new HashSet<>();
            for (long k = 0; k < (long) m * (m - 1) / 2; k++) {
                int[] ij = PermutationSampler.unorderedPair(k, m);
                assertNotEquals(ij[0], ij[1]);
                assertTrue(ij[0] >= 0 && ij[0] < m && ij[1] >= 0 && ij[1] < m);
                assertTrue(seen.add(Math.min(ij[0], ij[1]) + "-" + Math.max(ij[0], ij[1])), "pair repeated for m = " + m);
            }
        }
    }

    @Test
    void sattoloGivesSingleCyclesAndAllOfThem() {
        SplittableRandom rng = new SplittableRandom(4);
        Set<String> cycles = new HashSet<>();
        for (int trial = 0; trial < 200; trial++) {
            int[] pi = PermutationSampler.cyclicPermutation(4, rng);
            int length = 0;
            int g = 0;
            do {
                g = pi[g];
                length++;
            } while (g != 0);
            assertEquals(4, length, "one 4-cycle, hence no fixed point");
            cycles.add(java.util.Arrays.toString(pi));
        }
        assertEquals(6, cycles.size(), "all (4-1)! = 6 cyclic permutations occur in 200 draws");
    }
}
