/**
 * The {@code ha-jeong} plugin: the trajectory-perturbation method of S. Ha and H. Jeong, "Discovering
 * invariants via machine learning", Phys. Rev. Research 3, L042035 (2021), arXiv:2102.04008 ("ConservNet").
 *
 * <p>A network {@code F} is trained on whole groups {@code G} of states sharing an invariant with the loss
 * {@code Var_{x∈G} F(x) + β·|Q − Var_{x∈G} F(x + δ)|}, where the noise {@code δ} (norm uniform in
 * {@code (0, √R)}) is drawn afresh at every step and there are no negative pairs. The plugin contributes
 * the {@link org.invariantlab.plugins.hajeong.HaJeongSampler ha-jeong} sampler (with its
 * {@link org.invariantlab.plugins.hajeong.SpreaderPerturbation perturbation} and
 * {@link org.invariantlab.plugins.hajeong.Spreader spreaders}), the
 * {@link org.invariantlab.plugins.hajeong.NoiseVarianceHead noise-variance} head, and the paper's synthetic
 * systems {@link org.invariantlab.plugins.hajeong.S1System hajeong-s1},
 * {@link org.invariantlab.plugins.hajeong.S2System hajeong-s2} and
 * {@link org.invariantlab.plugins.hajeong.S3System hajeong-s3}.
 */
package org.invariantlab.plugins.hajeong;
