package org.invariantlab.core.train;

/**
 * What one training epoch achieved.
 *
 * <p>The training loss and accuracy are averages over the epoch's steps, each measured on its batch before
 * that batch's update (as running averages usually are); the validation numbers are measured after the
 * epoch with the network as it is then. Accuracy is the fraction of pairs whose {@code p(same) ≥ 1/2}
 * agrees with the label; it is {@link Double#NaN} for group heads and for heads without probabilities,
 * and the validation numbers are NaN when training runs without validation examples.
 *
 * @param epoch              1-based epoch number
 * @param epochs             epochs planned
 * @param trainLoss          example-weighted mean of the batch losses
 * @param trainAccuracy      pair accuracy on the training batches, or NaN
 * @param validationLoss     mean loss on the validation examples, or NaN
 * @param validationAccuracy pair accuracy on the validation examples, or NaN
 * @param learningRate       the epoch's learning rate
 * @param seconds            wall time since training started, at the end of this epoch
 */
public record EpochStats(int epoch, int epochs, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double learningRate, double seconds) {
}
