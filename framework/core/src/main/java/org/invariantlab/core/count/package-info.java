/**
 * Counting conserved quantities ({@code invariantlab count}): {@link org.invariantlab.core.count.Counter} trains
 * networks on their input gradients ({@link org.invariantlab.core.train.GradientTrainer}) and reads the number of
 * independent conserved quantities from the singular values of jointly trained unit gradients (AI Poincaré 2.0,
 * Liu, Madhavan, Tegmark, PRE 106, 045307 (2022)) and the number in involution from the loss jump of neural
 * deflation (Zhu, Zhang, Kevrekidis, PRE 108, L022301 (2023)); {@link org.invariantlab.core.count.CountResult} is
 * what it found. Sits above {@code train}, {@code score} and {@code run} (whose formula reading it reuses).
 */
package org.invariantlab.core.count;
