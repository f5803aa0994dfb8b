namespace NotebookAnalysis.MachineLearning;

/// <summary>
/// The SDCA settings that make ML.NET's linear regression converge on ten yearly rows, deterministically.
/// </summary>
/// <remarks>
/// With the defaults, SDCA diverges here (the default bias learning rate), shrinks the slope (the automatic L2) and
/// runs for about a minute (the automatic iteration count). What works:
/// <list type="bullet">
/// <item>features and label standardised (mean-variance, not zero-preserving), fitted on each training fold, so that the
/// optimal bias is zero and the regularised bias costs nothing;</item>
/// <item>a small explicit L2 (<see cref="L2"/>): SDCA's dual coordinate ascent needs on the order of
/// R²/(λ·n) passes, so λ = 0 never finishes while a large λ shrinks the slopes by about 1/(1 + λ);</item>
/// <item>L1 = 0, bias learning rate 0, a fixed iteration cap, a convergence check every pass (ML.NET keeps the best
/// primal weights it saw at the checks), a cache checkpoint before the trainer so that each pass does not re-run the
/// transforms;</item>
/// <item>one thread and a fixed <see cref="Seed"/>: with two threads the result varies from run to run even when seeded.</item>
/// </list>
/// Measured on the 27 table × specification fits (<c>scripts/mlnet.cs</c>): with L2 = 1e-3 and 1000 passes every
/// slope lies within 0.13 OLS standard errors of the exact OLS slope and every LOO RMSE within 2% of the exact one;
/// L2 = 1e-4 with 200 passes left the goods first-difference slope a whole standard error away, L2 = 1e-2 shrinks
/// the trend model's slopes by a standard error, a bias learning rate above 0 diverges (10⁵ SE), and switching off
/// shuffling leaves gaps of 3 SE. ML.NET computes in single precision (float) and stops at a relative duality gap, so
/// its coefficients are approximate: expect 2-4 significant digits, not 15.
/// </remarks>
/// <param name="Seed">The <c>MLContext</c> seed (shuffling, the cross-validation split).</param>
/// <param name="L2">L2 regularisation on the standardised scale.</param>
/// <param name="MaximumIterations">Cap on SDCA passes over the data.</param>
/// <param name="ConvergenceTolerance">Relative duality gap at which SDCA stops.</param>
/// <param name="BiasLearningRate">SDCA's learning rate for the unregularised bias (0: the bias is a regularised coordinate).</param>
/// <param name="Shuffle">Shuffle the rows each pass (seeded).</param>
/// <param name="ConvergenceCheckFrequency">Passes between convergence checks (null: ML.NET's default, every pass with one thread).</param>
public sealed record SdcaSettings(int Seed = 1, float L2 = 1e-3f, int MaximumIterations = 1000, float ConvergenceTolerance = 1e-7f,
    float BiasLearningRate = 0f, bool Shuffle = true, int? ConvergenceCheckFrequency = null)
{
    /// <summary>The settings used by <c>scripts/mlnet.cs</c> and the notebook.</summary>
    public static SdcaSettings Default { get; } = new();
}
