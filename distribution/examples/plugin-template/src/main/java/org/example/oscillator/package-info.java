/** Example InvariantLab plugin: the two-dimensional isotropic harmonic oscillator. */
package org.example.oscillator;
