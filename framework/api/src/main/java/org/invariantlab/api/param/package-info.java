/**
 * Typed, validated extension parameters: {@link org.invariantlab.api.param.ParameterSpec} declares one,
 * {@link org.invariantlab.api.param.Parameters} holds the resolved values (defaults plus user overrides).
 */
package org.invariantlab.api.param;
