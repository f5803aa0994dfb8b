using System.Numerics;
using System.Runtime.InteropServices;
using DD = NotebookAnalysis.Regression.DoubleDouble;

namespace NotebookAnalysis.Regression;

/// <summary>
/// Vectorized compensated accumulation (Ogita, Rump and Oishi's Dot2 scheme): a running value is kept as an
/// unevaluated pair (hi, lo) where lo collects the exact rounding errors of every product (FMA) and every sum
/// (TwoSum). The result is as accurate as if computed in twice the working precision, at a fraction of the cost
/// of full double-double arithmetic; it is what makes residuals of large designs accurate.
/// </summary>
internal static class Compensated
{
    /// <summary>f += x·b for a column x (plus its optional low part xl) and a double-double coefficient b.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void AddScaledColumn(ReadOnlySpan<double> x, ReadOnlySpan<double> xl, DD b, Span<double> fHi, Span<double> fLo)
    {
        int n = x.Length, i = 0;
        bool hasLow = !xl.IsEmpty;
        double bh = b.Hi, bl = b.Lo;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vxl = hasLow ? MemoryMarshal.Cast<double, Vector<double>>(xl[..n]) : default;
            var vh = MemoryMarshal.Cast<double, Vector<double>>(fHi[..n]);
            var vl = MemoryMarshal.Cast<double, Vector<double>>(fLo[..n]);
            var vbh = new Vector<double>(bh);
            var vbl = new Vector<double>(bl);
            for (int v = 0; v < vx.Length; v++)
            {
                var xv = vx[v];
                var p = xv * vbh;
                var e = Vector.FusedMultiplyAdd(xv, vbh, -p); // exact error of the product
                var a = vh[v];
                var s = a + p;
                var bb = s - a;
                var q = (a - (s - bb)) + (p - bb);            // exact error of the sum
                var lo = Vector.FusedMultiplyAdd(xv, vbl, vl[v] + (q + e));
                if (hasLow) lo = Vector.FusedMultiplyAdd(vxl[v], vbh, lo);
                vh[v] = s;
                vl[v] = lo;
            }
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            double xv = x[i];
            double p = xv * bh;
            double e = Math.FusedMultiplyAdd(xv, bh, -p);
            double a = fHi[i];
            double s = a + p, bb = s - a;
            double q = (a - (s - bb)) + (p - bb);
            double lo = Math.FusedMultiplyAdd(xv, bl, fLo[i] + (q + e));
            if (hasLow) lo = Math.FusedMultiplyAdd(xl[i], bh, lo);
            fHi[i] = s;
            fLo[i] = lo;
        }
    }

    /// <summary>A running sum of squares of double-double values, itself in double-double.</summary>
    public struct SumOfSquares
    {
        private double _hi, _lo;

        /// <summary>Adds (hi + lo)², the pair first normalized so that hi carries the leading bits.</summary>
        public void Add(double hi, double lo)
        {
            var v = DD.TwoSum(hi, lo);
            var p = DD.TwoProduct(v.Hi, v.Hi);
            double s = _hi + p.Hi, bb = s - _hi;
            double q = (_hi - (s - bb)) + (p.Hi - bb);
            _lo += q + p.Lo + 2 * v.Hi * v.Lo;
            _hi = s;
        }

        public readonly double Value => _hi + _lo;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static (Vector<double> S, Vector<double> E) TwoSum(Vector<double> a, Vector<double> b)
    {
        var s = a + b;
        var bb = s - a;
        return (s, (a - (s - bb)) + (b - bb));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void AddSquare(ref Vector<double> accHi, ref Vector<double> accLo, Vector<double> hi, Vector<double> lo)
    {
        var (v, vl) = TwoSum(hi, lo);
        var p = v * v;
        var e = Vector.FusedMultiplyAdd(v, v, -p);
        var (s, q) = TwoSum(accHi, p);
        accHi = s;
        accLo += q + e + new Vector<double>(2.0) * v * vl;
    }

    private static DD Lanes(Vector<double> hi, Vector<double> lo)
    {
        DD sum = DD.Zero;
        for (int i = 0; i < Vector<double>.Count; i++) sum += new DD(hi[i], 0) + lo[i];
        return sum;
    }

    /// <summary>Σ v_i in double-double (compensated, vectorized).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static DD Sum(ReadOnlySpan<double> v)
    {
        int n = v.Length, i = 0;
        DD total = DD.Zero;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vv = MemoryMarshal.Cast<double, Vector<double>>(v);
            Vector<double> hi = Vector<double>.Zero, lo = Vector<double>.Zero;
            foreach (var x in vv)
            {
                var (s, e) = TwoSum(hi, x);
                hi = s;
                lo += e;
            }
            total = Lanes(hi, lo);
            i = vv.Length * Vector<double>.Count;
        }
        for (; i < n; i++) total += v[i];
        return total;
    }

    /// <summary>
    /// From y (plus its optional low part yLo: an extended-precision response) and the compensated fitted values
    /// f = fHi + fLo: residuals r = y - f and fitted values rounded to double, and the sums Σr², Σ(f - c)², Σ(y - c)² in
    /// double-double, c the centre (ȳ, or 0 through the origin).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static (DD Sse, DD Ssr, DD Sst) ResidualsAndSums(ReadOnlySpan<double> y, ReadOnlySpan<double> yLo, ReadOnlySpan<double> fHi, ReadOnlySpan<double> fLo,
        DD centre, Span<double> resid, Span<double> fitted)
    {
        int n = y.Length, i = 0;
        bool hasLow = !yLo.IsEmpty;
        DD sse = DD.Zero, ssr = DD.Zero, sst = DD.Zero;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            var vyl = hasLow ? MemoryMarshal.Cast<double, Vector<double>>(yLo[..n]) : default;
            var vfh = MemoryMarshal.Cast<double, Vector<double>>(fHi[..n]);
            var vfl = MemoryMarshal.Cast<double, Vector<double>>(fLo[..n]);
            var vr = MemoryMarshal.Cast<double, Vector<double>>(resid[..n]);
            var vf = MemoryMarshal.Cast<double, Vector<double>>(fitted[..n]);
            var ch = new Vector<double>(-centre.Hi);
            var cl = new Vector<double>(centre.Lo);
            Vector<double> eH = default, eL = default, rH = default, rL = default, tH = default, tL = default;
            for (int v = 0; v < vy.Length; v++)
            {
                var yy = vy[v];
                var yl = hasLow ? vyl[v] : Vector<double>.Zero;
                var fh = vfh[v];
                var fl = vfl[v];
                var (e, ee) = TwoSum(yy, -fh);
                var elo = ee - fl + yl;
                vr[v] = e + elo;
                vf[v] = fh + fl;
                AddSquare(ref eH, ref eL, e, elo);
                var (d, de) = TwoSum(fh, ch);
                AddSquare(ref rH, ref rL, d, de + fl - cl);
                var (t, te) = TwoSum(yy, ch);
                AddSquare(ref tH, ref tL, t, te - cl + yl);
            }
            sse = Lanes(eH, eL);
            ssr = Lanes(rH, rL);
            sst = Lanes(tH, tL);
            i = vy.Length * Vector<double>.Count;
        }
        var s1 = new SumOfSquares();
        var s2 = new SumOfSquares();
        var s3 = new SumOfSquares();
        for (; i < n; i++)
        {
            var e = DD.TwoSum(y[i], -fHi[i]);
            double yl = hasLow ? yLo[i] : 0;
            double elo = e.Lo - fLo[i] + yl;
            resid[i] = e.Hi + elo;
            fitted[i] = fHi[i] + fLo[i];
            s1.Add(e.Hi, elo);
            var d = DD.TwoSum(fHi[i], -centre.Hi);
            s2.Add(d.Hi, d.Lo + fLo[i] - centre.Lo);
            var t = DD.TwoSum(y[i], -centre.Hi);
            s3.Add(t.Hi, t.Lo - centre.Lo + yl);
        }
        return (sse + s1.Value, ssr + s2.Value, sst + s3.Value);
    }
}
