using System.Runtime.ExceptionServices;

namespace NotebookAnalysis.Models;

/// <summary>
/// Runs independent, deterministic computations on parallel threads and hands their results back in index order, as a
/// loop on one thread would. An exception is rethrown as itself (not wrapped in an <see cref="AggregateException"/>):
/// the one of the lowest index, which is the one the loop would have met first.
/// </summary>
internal static class OrderedParallel
{
    /// <summary>f(0), f(1), …, f(count − 1), computed in parallel, in index order.</summary>
    public static T[] Map<T>(int count, Func<int, T> f)
    {
        var results = new T[count];
        var errors = new ExceptionDispatchInfo?[count];
        Parallel.For(0, count, i =>
        {
            try
            {
                results[i] = f(i);
            }
            catch (Exception e)
            {
                errors[i] = ExceptionDispatchInfo.Capture(e);
            }
        });
        foreach (var e in errors) e?.Throw();
        return results;
    }
}
