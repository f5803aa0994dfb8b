using System.Collections.Immutable;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using NotebookAnalysis.Data;
using NotebookAnalysis.Models;
using NotebookAnalysis.Regression;
using NotebookAnalysis.Results;

namespace NotebookAnalysis.MachineLearning;

/// <summary>One specification fitted by ML.NET and cross-validated leave-one-out, beside the exact OLS answer.</summary>
/// <param name="Spec">The specification.</param>
/// <param name="TableId">The table (<c>T2_goods</c>…).</param>
/// <param name="Terms">Coefficient terms, intercept first.</param>
/// <param name="Estimates">ML.NET's coefficients mapped back to the model's original scale (undoing both standardisations).</param>
/// <param name="Exact">The exact OLS fit of the same specification.</param>
/// <param name="Loo">ML.NET's pooled held-out predictions on the level of y, one per fold.</param>
/// <param name="FoldSizes">Rows held out in each fold (all 1 with the sampling key).</param>
public sealed record MlNetResult(ModelSpec Spec, string TableId, IReadOnlyList<string> Terms, IReadOnlyList<double> Estimates,
    AlternativeFit Exact, LooPredictions Loo, IReadOnlyList<int> FoldSizes)
{
    /// <summary>The model name in <c>mlnet.csv</c>: <c>mlnet_&lt;spec&gt;</c>.</summary>
    public string ModelName => "mlnet_" + Spec.Name;

    /// <summary>ML.NET's estimate minus the exact OLS estimate, per term.</summary>
    public IReadOnlyList<double> EstimateGaps => Terms.Select((t, j) => Estimates[j] - Exact.OlsFit.Coefficients[j]).ToList();

    /// <summary>|ML.NET − OLS| per term in units of the OLS standard error: how much the approximation matters statistically.</summary>
    public IReadOnlyList<Estimate> EstimateGapsInStandardErrors => EstimateGaps.Select((g, j) => Exact.OlsFit.StandardErrors[j] is > 0 and var se
        ? Estimate.Of(Math.Abs(g) / se) : Estimate.Undefined("the OLS standard error is 0 (an exact fit), so a gap in its units is undefined")).ToList();

    /// <summary>ML.NET's LOO RMSE minus the exact (hat-matrix) LOO RMSE.</summary>
    public Estimate LooRmseGap => Exact.LooRmse.Map(exact => Loo.Rmse - exact);

    /// <summary>Rows for <c>results/mlnet.csv</c>; a statistic undefined for the data is left out and, with the reason, added to <paramref name="undefined"/>.</summary>
    public IReadOnlyList<ResultRow> ToResultRows(ICollection<UndefinedResult>? undefined = null)
    {
        var rows = new List<ResultRow>();
        void Add(string statistic, string term, Estimate value) => UndefinedResult.AddRowOrReason(rows, undefined, TableId, ModelName, statistic, term, value);
        for (int j = 0; j < Terms.Count; j++)
        {
            Add("estimate", Terms[j], Estimate.Of(Estimates[j]));
            Add("estimate_gap_to_ols", Terms[j], Estimate.Of(EstimateGaps[j]));
            Add("estimate_gap_in_ols_se", Terms[j], EstimateGapsInStandardErrors[j]);
        }
        Add("nobs", "", Estimate.Of(Loo.Count));
        Add("loo_rmse", "", Estimate.Of(Loo.Rmse));
        Add("loo_mae", "", Estimate.Of(Loo.Mae));
        Add("loo_pred_r_squared", "", Loo.PredictiveRSquared);
        Add("loo_rmse_gap_to_exact", "", LooRmseGap);
        return rows;
    }
}

/// <summary>
/// The ML.NET comparison behind <c>scripts/mlnet.cs</c>: each specification as an ML.NET pipeline, trained by SDCA
/// (<see cref="SdcaSettings"/>), leave-one-out through <c>CrossValidate</c> with a sampling-key column, compared with
/// the exact OLS fit and the exact (hat-matrix) leave-one-out.
/// </summary>
public static class MlNetComparison
{
    /// <summary>
    /// The specifications compared: those whose spec says <see cref="ModelSpec.InMlNetComparison"/>, never implied.
    /// The Newey-West models share the base model's coefficients and predictions (only their standard errors differ),
    /// and Prais-Winsten is not OLS, so ML.NET has nothing of its own to fit for them.
    /// </summary>
    public static IReadOnlyList<ModelSpec> Specs { get; } = ModelSpecs.All.Where(s => s.InMlNetComparison).ToList();

    /// <summary>Runs one specification on one series. A fresh <c>MLContext(seed)</c> per call keeps results independent of order.</summary>
    /// <exception cref="DataFileException">A log of a value that is not positive (checked before ML.NET, which would give NaN).</exception>
    /// <exception cref="ModelException">Too few rows or a singular design (as for OLS).</exception>
    public static MlNetResult Run(ModelInput input, ModelSpec spec, SdcaSettings? settings = null)
    {
        settings ??= SdcaSettings.Default;
        // The exact fit validates the data first, with the same located errors as OLS.
        var exact = AlternativeModels.Fit(input, spec);
        var (ml, rows, view, pipeline) = Prepare(input, spec, settings);
        var (intercept, slopes) = ScaleMap.From(pipeline.Fit(view)).OriginalCoefficients();
        List<string> terms = [Design.InterceptTerm, .. spec.RegressorTerms];
        List<double> estimates = [intercept, .. slopes];

        int n = rows.Count;
        var folds = ml.Regression.CrossValidate(view, pipeline, numberOfFolds: n, labelColumnName: "Label",
            samplingKeyColumnName: MlNetPipeline.SamplingKeyColumn, seed: settings.Seed);
        var years = new int[n];
        var actual = new double[n];
        var predicted = new double[n];
        var filled = new bool[n];
        var sizes = new List<int>();
        foreach (var fold in folds.OrderBy(f => f.Fold))
        {
            var foldMap = ScaleMap.From(fold.Model);
            var score = fold.ScoredHoldOutSet.GetColumn<float>("Score").ToArray();
            var year = fold.ScoredHoldOutSet.GetColumn<double>("Year").ToArray();
            var y = fold.ScoredHoldOutSet.GetColumn<double>("Y").ToArray();
            var yPrev = fold.ScoredHoldOutSet.GetColumn<double>("YPrev").ToArray();
            sizes.Add(score.Length);
            if (score.Length != 1)
                throw new InvalidOperationException($"{input.TableId}/{spec.Name}: fold {fold.Fold} holds {score.Length} rows; leave-one-out needs exactly one per fold.");
            int i = (int)year[0] - (int)rows[0].Year;
            if (filled[i])
                throw new InvalidOperationException($"{input.TableId}/{spec.Name}: year {year[0]} is held out twice.");
            filled[i] = true;
            double response = foldMap.LabelToResponse(score[0]);
            years[i] = (int)year[0];
            actual[i] = y[0];
            predicted[i] = spec.Response switch
            {
                ResponseTransform.Level => response,
                ResponseTransform.Log => Math.Exp(response),
                ResponseTransform.Difference => yPrev[0] + response,
                _ => throw new InvalidOperationException($"Unknown response transform {spec.Response}."),
            };
        }
        return new MlNetResult(spec, input.TableId, terms, estimates, exact, new LooPredictions(years, actual, predicted), sizes);
    }

    /// <summary>Every compared specification for every market of Table 1, in table then model order.</summary>
    public static IReadOnlyList<MlNetResult> RunAll(Table1 table, SdcaSettings? settings = null) =>
        ModelInput.AllMarkets(table).SelectMany(input => Specs.Select(spec => Run(input, spec, settings))).ToList();

    /// <summary>
    /// The fold sizes that <c>CrossValidate(numberOfFolds: n)</c> gives WITHOUT a sampling-key column, for the base
    /// model of <paramref name="input"/>: ML.NET splits by a random hash, so with n = 10 some folds are empty and
    /// others hold several rows, and it raises no error.
    /// </summary>
    public static IReadOnlyList<int> DefaultSplitFoldSizes(ModelInput input, SdcaSettings? settings = null)
    {
        settings ??= SdcaSettings.Default;
        var (ml, rows, view, pipeline) = Prepare(input, ModelSpecs.Base, settings);
        var folds = ml.Regression.CrossValidate(view, pipeline, numberOfFolds: rows.Count, labelColumnName: "Label", seed: settings.Seed);
        return folds.OrderBy(f => f.Fold).Select(f => f.ScoredHoldOutSet.GetColumn<float>("Score").Count()).ToList();
    }

    /// <summary>A fresh seeded context, the rows <paramref name="spec"/> uses as a data view, and the estimator.</summary>
    private static (MLContext Ml, IReadOnlyList<MlNetPipeline.SeriesRow> Rows, IDataView View, IEstimator<ITransformer> Pipeline) Prepare(
        ModelInput input, ModelSpec spec, SdcaSettings settings)
    {
        var ml = new MLContext(seed: settings.Seed);
        var rows = MlNetPipeline.Rows(input, spec);
        return (ml, rows, ml.Data.LoadFromEnumerable(rows), MlNetPipeline.Build(ml, spec, settings));
    }

    /// <summary>All of <c>results/mlnet.csv</c>'s rows for <paramref name="results"/>, plus the default split's fold sizes per
    /// table; statistics undefined for the data go to <paramref name="undefined"/> with the reason.</summary>
    public static IReadOnlyList<ResultRow> ToResultRows(IEnumerable<MlNetResult> results, IEnumerable<(string TableId, IReadOnlyList<int> Sizes)>? defaultSplits = null,
        ICollection<UndefinedResult>? undefined = null)
    {
        var rows = results.SelectMany(r => r.ToResultRows(undefined)).ToList();
        foreach (var (table, sizes) in defaultSplits ?? [])
        {
            rows.Add(new ResultRow(table, "mlnet_default_split", "folds", "", sizes.Count));
            rows.Add(new ResultRow(table, "mlnet_default_split", "empty_folds", "", sizes.Count(s => s == 0)));
            rows.Add(new ResultRow(table, "mlnet_default_split", "largest_fold", "", sizes.Max()));
        }
        return rows;
    }

    /// <summary>The affine maps of a trained chain: feature standardisation, label standardisation and the linear model.</summary>
    private sealed record ScaleMap(ImmutableArray<float> FeatureScale, ImmutableArray<float> FeatureOffset, float LabelScale, float LabelOffset,
        float[] Weights, float Bias)
    {
        public static ScaleMap From(ITransformer model)
        {
            // MlNetPipeline.Build's chain: two normalizers (features, then label), then the linear model.
            var list = ((IEnumerable<ITransformer>)model).ToList();
            var normalizers = list.OfType<NormalizingTransformer>().ToList();
            var features = (NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>>)normalizers[0].GetNormalizerModelParameters(0);
            var label = (NormalizingTransformer.AffineNormalizerModelParameters<float>)normalizers[1].GetNormalizerModelParameters(0);
            var linear = list.OfType<ISingleFeaturePredictionTransformer<LinearRegressionModelParameters>>().Single().Model;
            return new ScaleMap(features.Scale, features.Offset, label.Scale, label.Offset, [.. linear.Weights], linear.Bias);
        }

        // ML.NET's affine normaliser: z = (v − offset)·scale, for the features and the label alike.
        // A training fold whose response is constant (e.g. Δy all zero once the one change is held out) has no
        // spread to standardise: ML.NET then maps every label to 0, and the fit is the constant itself.
        private bool ConstantLabel => !(LabelScale > 0 && float.IsFinite(LabelScale));

        public double LabelToResponse(float score) => ConstantLabel ? LabelOffset : LabelOffset + score / (double)LabelScale;

        public (double Intercept, double[] Slopes) OriginalCoefficients()
        {
            var slopes = new double[Weights.Length];
            if (ConstantLabel) return (LabelOffset, slopes);
            double intercept = LabelOffset + Bias / (double)LabelScale;
            for (int j = 0; j < Weights.Length; j++)
            {
                double offset = FeatureOffset.IsDefaultOrEmpty ? 0 : FeatureOffset[j];
                slopes[j] = Weights[j] * (double)FeatureScale[j] / LabelScale;
                intercept -= slopes[j] * offset;
            }
            return (intercept, slopes);
        }
    }
}
