using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using NotebookAnalysis.Models;

namespace NotebookAnalysis.MachineLearning;

/// <summary>
/// One <see cref="ModelSpec"/> as an ML.NET pipeline: the series as an <see cref="IDataView"/>, Expression transforms
/// for the log and the difference, standardisation, and the SDCA linear trainer.
/// </summary>
/// <remarks>
/// ML.NET transforms work row by row, and a lag or a difference needs the previous row. So the previous year's values
/// are attached to each row when the view is loaded (<c>YPrev</c>, <c>XPrev</c>; the first year, which has none, is
/// dropped as in OLS). The lag then is the column <c>XPrev</c> itself, and the difference and the log are Expression
/// transforms inside the pipeline. Because the shift happens before the split, leave-one-out holds out one
/// (y_t, y_{t−1}, x_t, x_{t−1}) row at a time, exactly as the hat-matrix formula does.
/// </remarks>
public static class MlNetPipeline
{
    /// <summary>The float column giving each row its own fold: row i of n gets i/n.</summary>
    public const string SamplingKeyColumn = "SamplingKey";

    /// <summary>One row of the loaded series.</summary>
    public sealed class SeriesRow
    {
        /// <summary>Calendar year.</summary>
        public double Year { get; set; }

        /// <summary>y_t.</summary>
        public double Y { get; set; }

        /// <summary>x_t.</summary>
        public double X { get; set; }

        /// <summary>y_{t−1} (0 in models that keep the first year; unused there).</summary>
        public double YPrev { get; set; }

        /// <summary>x_{t−1} (0 in models that keep the first year; unused there).</summary>
        public double XPrev { get; set; }

        /// <summary>One distinct value per row in [0, 1), so that n folds hold one row each.</summary>
        public float SamplingKey { get; set; }
    }

    /// <summary>The rows of <paramref name="input"/> that <paramref name="spec"/> uses, with the previous year attached.</summary>
    public static IReadOnlyList<SeriesRow> Rows(ModelInput input, ModelSpec spec)
    {
        int start = spec.DropsFirstRow ? 1 : 0;
        int n = input.Count - start;
        var rows = new List<SeriesRow>(n);
        for (int t = start; t < input.Count; t++)
            rows.Add(new SeriesRow
            {
                Year = input.Years[t],
                Y = input.Y[t],
                X = input.X[t],
                YPrev = t > 0 ? input.Y[t - 1] : 0,
                XPrev = t > 0 ? input.X[t - 1] : 0,
                SamplingKey = (float)(t - start) / n,
            });
        return rows;
    }

    /// <summary>
    /// The estimator: response and regressors by Expression transforms, features and label standardised, then SDCA.
    /// The label column holds the response on the model's scale (y, log y or Δy).
    /// </summary>
    public static IEstimator<ITransformer> Build(MLContext ml, ModelSpec spec, SdcaSettings settings)
    {
        IEstimator<ITransformer> pipeline = spec.Response switch
        {
            ResponseTransform.Level => ml.Transforms.CopyColumns("Response", "Y"),
            ResponseTransform.Log => ml.Transforms.Expression("Response", "y : log(y)", "Y"),
            ResponseTransform.Difference => ml.Transforms.Expression("Response", "(y, yprev) : y - yprev", "Y", "YPrev"),
            _ => throw new InvalidOperationException($"Unknown response transform {spec.Response}."),
        };
        var features = new List<string>();
        if (spec.Regressor != RegressorTransform.None)
        {
            IEstimator<ITransformer> regressor = spec.Regressor switch
            {
                RegressorTransform.Level => ml.Transforms.CopyColumns("TermX", "X"),
                RegressorTransform.Log => ml.Transforms.Expression("TermX", "x : log(x)", "X"),
                RegressorTransform.Lag1 => ml.Transforms.CopyColumns("TermX", "XPrev"),
                RegressorTransform.Difference => ml.Transforms.Expression("TermX", "(x, xprev) : x - xprev", "X", "XPrev"),
                _ => throw new InvalidOperationException($"Unknown regressor transform {spec.Regressor}."),
            };
            pipeline = pipeline.Append(regressor);
            features.Add("TermX");
        }
        if (spec.IncludeYear) features.Add("Year");
        if (spec.IncludeXSquared)
        {
            pipeline = pipeline.Append(ml.Transforms.Expression("TermXSquared", "x : x * x", "TermX"));
            features.Add("TermXSquared");
        }
        return pipeline
            .Append(ml.Transforms.Concatenate("FeaturesDouble", [.. features]))
            .Append(ml.Transforms.Conversion.ConvertType("Features", "FeaturesDouble", DataKind.Single))
            .Append(ml.Transforms.Conversion.ConvertType("Label", "Response", DataKind.Single))
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.Transforms.NormalizeMeanVariance("Label", fixZero: false))
            .AppendCacheCheckpoint(ml)
            .Append(ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
            {
                L2Regularization = settings.L2,
                L1Regularization = 0f,
                BiasLearningRate = settings.BiasLearningRate,
                MaximumNumberOfIterations = settings.MaximumIterations,
                ConvergenceTolerance = settings.ConvergenceTolerance,
                NumberOfThreads = 1,
                Shuffle = settings.Shuffle,
                ConvergenceCheckFrequency = settings.ConvergenceCheckFrequency,
            }));
    }
}
