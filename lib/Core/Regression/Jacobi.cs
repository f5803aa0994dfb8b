namespace NotebookAnalysis.Regression;

/// <summary>The 2-norm condition number of a small square matrix, from its singular values by one-sided Jacobi rotations.</summary>
/// <remarks>
/// One-sided Jacobi on R is insensitive to column scaling, so it finds the small singular values of an
/// ill-conditioned but well-scaled R to high relative accuracy (Demmel and Veselić).
/// </remarks>
internal static class Jacobi
{
    public static double ConditionNumber(double[,] a)
    {
        int m = a.GetLength(0), k = a.GetLength(1);
        var u = new double[k][];
        for (int j = 0; j < k; j++)
        {
            u[j] = new double[m];
            for (int i = 0; i < m; i++) u[j][i] = a[i, j];
        }
        for (int sweep = 0; sweep < 60; sweep++)
        {
            bool rotated = false;
            for (int p = 0; p < k - 1; p++)
                for (int q = p + 1; q < k; q++)
                {
                    double alpha = 0, beta = 0, gamma = 0;
                    for (int i = 0; i < m; i++)
                    {
                        alpha += u[p][i] * u[p][i];
                        beta += u[q][i] * u[q][i];
                        gamma += u[p][i] * u[q][i];
                    }
                    if (gamma == 0 || Math.Abs(gamma) <= 1e-17 * Math.Sqrt(alpha * beta)) continue;
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.Sign(zeta == 0 ? 1 : zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                    double c = 1 / Math.Sqrt(1 + t * t), s = c * t;
                    for (int i = 0; i < m; i++)
                    {
                        double x = u[p][i], y = u[q][i];
                        u[p][i] = c * x - s * y;
                        u[q][i] = s * x + c * y;
                    }
                }
            if (!rotated) break;
        }
        var sv = u.Select(col => LeastSquares.Norm2(col)).ToArray();
        return sv.Max() / sv.Min();
    }
}
