# The main job's battery in R: timing side by side with `dotnet run scripts/reproduce.cs`, and the reference values
# the tests compare the engine with.
# Usage: Rscript scripts/r/battery.R [seeds/data/table1.csv] [--tables-only]
#        Rscript scripts/r/battery.R --reference tests/References/r-battery.csv [seeds/data/table1.csv]
#   --tables-only: only the three base fits with their diagnostics (Tables 2-4), nothing else.
#   --reference PATH: writes every statistic R computes for the base model and every alternative, the mean-only
#     benchmark and the exact permutation p, in results.csv's long format (table,model,statistic,term,value) at 17
#     significant digits, with lm, lmtest (coeftest, coefci, dwtest, bptest, bgtest) and sandwich (NeweyWest), plus an
#     iterated Prais-Winsten in base R; markets from seeds/data/markets.csv. Needs the packages lmtest and sandwich.
#     tests/References/README.md says where each value comes from and what is left out (the random draws).
# Timing (without --reference), the same work on the same data: for each of the three tables, the base fit with
# Excel's SUMMARY OUTPUT statistics, log-likelihood, AIC, BIC, Durbin-Watson, Jarque-Bera, Breusch-Pagan (Koenker), Breusch-Godfrey(1) and the
# condition number; the ten alternative models (lag 1, logs, first difference, year, quadratic, Newey-West lag 1 and
# automatic lag) with the same statistics and exact leave-one-out through the hat values; the mean-only benchmark;
# and the resampling section: the exact permutation test by enumeration (n! pairings, here through the lexicographic
# next-permutation in R, so only for n <= 8; above it this script does 10,000 random pairings instead and says so),
# a 10,000-replicate Monte Carlo permutation test, pairs and residual bootstraps with percentile and BCa intervals,
# and a 10,000-draw rounding Monte Carlo. Writes nothing; prints the elapsed compute time.
# The timing run uses base R only (no lmtest/sandwich): the tests are written out from their definitions.
t0 <- proc.time()[["elapsed"]]
args <- commandArgs(trailingOnly = TRUE)
if ("--reference" %in% args) {
  # Reference values: every statistic R computes for each model of the package, at full precision. The definitions
  # follow the package's (results/README.md); tests/References/README.md lists where they are pinned.
  suppressPackageStartupMessages({ library(lmtest); library(sandwich) })
  i <- match("--reference", args)
  if (i == length(args)) stop("--reference needs the output path, e.g. tests/References/r-battery.csv")
  out_path <- args[[i + 1]]; rest <- args[-c(i, i + 1)]
  d <- read.csv(if (length(rest) >= 1) rest[[1]] else "seeds/data/table1.csv")
  mk <- read.csv("seeds/data/markets.csv", stringsAsFactors = FALSE)
  rows <- list()
  emit <- function(table, model, statistic, term, value) {
    stopifnot(length(value) == 1, is.finite(value))
    rows[[length(rows) + 1]] <<- data.frame(table = table, model = model, statistic = statistic, term = term,
                                            value = sprintf("%.17g", as.numeric(value)))
  }
  term_names <- function(fit) sub("^\\(Intercept\\)$", "intercept", names(coef(fit)))

  # One least-squares fit: its coefficient table (classical, or Newey-West through sandwich and coeftest/coefci),
  # the model statistics it writes, the likelihood on the level of y, and leave-one-out by refitting without each row.
  # frame: the model's data (column y is the modelled response); level: y on its level scale for each row;
  # to_level(row, prediction): the prediction taken to the level of y.
  ols_rows <- function(table, model, formula, frame, level, to_level, hac_lag = NULL, log_jacobian = NULL) {
    fit <- lm(formula, data = frame)
    terms <- term_names(fit); n <- nobs(fit); k <- length(coef(fit))
    if (is.null(hac_lag)) {
      ct <- coeftest(fit); ci <- confint(fit, level = 0.95)
    } else {
      v <- NeweyWest(fit, lag = hac_lag, prewhite = FALSE, adjust = FALSE)
      ct <- coeftest(fit, vcov. = v); ci <- coefci(fit, vcov. = v, level = 0.95)
    }
    for (j in seq_len(k)) {
      emit(table, model, "estimate", terms[j], ct[j, 1]); emit(table, model, "std_error", terms[j], ct[j, 2])
      emit(table, model, "t_value", terms[j], ct[j, 3]); emit(table, model, "p_value", terms[j], ct[j, 4])
      emit(table, model, "ci95_lower", terms[j], ci[j, 1]); emit(table, model, "ci95_upper", terms[j], ci[j, 2])
    }
    s <- summary(fit); a <- anova(fit); e <- residuals(fit); y <- model.response(model.frame(fit))
    df_model <- k - 1; ss_reg <- sum(a[["Sum Sq"]][-nrow(a)]); ss_res <- deviance(fit)
    m2 <- mean((e - mean(e))^2); skew <- mean((e - mean(e))^3) / m2^1.5; kurt <- mean((e - mean(e))^4) / m2^2
    jb <- n / 6 * (skew^2 + (kurt - 3)^2 / 4)
    bp <- bptest(fit, studentize = TRUE); bg <- bgtest(fit, order = 1, type = "Chisq", fill = 0)
    stats <- list(nobs = n, df_model = df_model, df_resid = df.residual(fit), multiple_r = sqrt(s$r.squared),
                  r_squared = s$r.squared, adj_r_squared = s$adj.r.squared, sigma = s$sigma,
                  ss_regression = ss_reg, ss_residual = ss_res, ss_total = sum((y - mean(y))^2),
                  ms_regression = ss_reg / df_model, ms_residual = a[["Mean Sq"]][nrow(a)],
                  f_stat = s$fstatistic[["value"]],
                  f_pvalue = pf(s$fstatistic[["value"]], s$fstatistic[["numdf"]], s$fstatistic[["dendf"]], lower.tail = FALSE),
                  loglik = as.numeric(logLik(fit)), aic = AIC(fit), bic = BIC(fit),
                  durbin_watson = dwtest(fit)$statistic[[1]],
                  jb_stat = jb, jb_pvalue = pchisq(jb, 2, lower.tail = FALSE),
                  bp_stat = bp$statistic[[1]], bp_pvalue = bp$p.value[[1]],
                  bg1_stat = bg$statistic[[1]], bg1_pvalue = bg$p.value[[1]],
                  condition_number = kappa(model.matrix(fit), exact = TRUE))
    # The classical F ignores the Newey-West covariance: the package leaves it out of the HAC models.
    if (!is.null(hac_lag)) stats$f_stat <- stats$f_pvalue <- NULL
    for (st in names(stats)) emit(table, model, st, "", stats[[st]])
    if (!is.null(hac_lag)) emit(table, model, "hac_lag", "", hac_lag)
    if (!is.null(log_jacobian)) {
      emit(table, model, "log_jacobian", "", log_jacobian)
      emit(table, model, "loglik_level_scale", "", as.numeric(logLik(fit)) + log_jacobian)
      emit(table, model, "aic_level_scale", "", AIC(fit) - 2 * log_jacobian)
      emit(table, model, "bic_level_scale", "", BIC(fit) - 2 * log_jacobian)
    }
    loo_rows(table, model, level, sapply(seq_len(n), function(r) to_level(r, predict(lm(formula, data = frame[-r, ]), frame[r, ]))))
    fit
  }
  loo_rows <- function(table, model, level, predicted) {
    err <- level - predicted
    emit(table, model, "loo_rmse", "", sqrt(mean(err^2)))
    emit(table, model, "loo_mae", "", mean(abs(err)))
    emit(table, model, "loo_pred_r_squared", "", 1 - sum(err^2) / sum((level - mean(level))^2))
  }

  # Iterated Prais-Winsten in base R: rho from the lag-1 regression of the residuals through the origin, the first
  # row times sqrt(1 - rho^2), the others z_t - rho z_(t-1) (the constant too), refitted until rho changes by at most
  # 1e-10 (at most 100 refits); the fit reported is the transformed regression at the last rho used.
  prais_winsten <- function(y, X, tol = 1e-10, max_iter = 100) {
    rho_of <- function(e) sum(e[-1] * e[-length(e)]) / sum(e[-length(e)]^2)
    tr <- function(z, rho) c(sqrt(1 - rho^2) * z[1], z[-1] - rho * z[-length(z)])
    rho <- rho_of(residuals(lm.fit(X, y)))
    for (it in seq_len(max_iter)) {
      stopifnot(abs(rho) < 1)
      frame <- data.frame(y = tr(y, rho), apply(X, 2, tr, rho = rho))
      fit <- lm(y ~ 0 + ., data = frame)
      nxt <- rho_of(y - X %*% coef(fit))
      if (abs(nxt - rho) <= tol) return(list(fit = fit, rho = rho, iterations = it))
      rho <- nxt
    }
    stop("Prais-Winsten did not converge")
  }

  for (m in seq_len(nrow(mk))) {
    id <- mk$market[m]; y <- d[[mk$y[m]]]; x <- d[[mk$x[m]]]; year <- d$year; n <- length(y)
    level <- function(r, p) p; from_log <- function(r, p) exp(p)
    lvl <- data.frame(y = y, x = x, year = year, x_squared = x^2)
    lag <- data.frame(y = y[-1], x = x[-n])
    ylog <- data.frame(y = log(y), x = x); xlog <- data.frame(y = y, x = log(x)); both <- data.frame(y = log(y), x = log(x))
    dif <- data.frame(y = diff(y), x = diff(x))
    # The base model writes every statistic in results.csv's base rows, and its leave-one-out figures.
    ols_rows(id, "base", y ~ x, lvl, y, level)
    ols_rows(id, "lag1", y ~ x, lag, y[-1], level, log_jacobian = 0)
    ols_rows(id, "loglog", y ~ x, both, y, from_log, log_jacobian = -sum(log(y)))
    ols_rows(id, "logy_x", y ~ x, ylog, y, from_log, log_jacobian = -sum(log(y)))
    ols_rows(id, "y_logx", y ~ x, xlog, y, level, log_jacobian = 0)
    ols_rows(id, "firstdiff", y ~ x, dif, y[-1], function(r, p) y[r] + p, log_jacobian = 0)
    ols_rows(id, "x_plus_year", y ~ x + year, lvl, y, level, log_jacobian = 0)
    ols_rows(id, "year_only", y ~ year, lvl, y, level, log_jacobian = 0)
    ols_rows(id, "quadratic", y ~ x + x_squared, lvl, y, level, log_jacobian = 0)
    ols_rows(id, "hac_nw_lag1", y ~ x, lvl, y, level, hac_lag = 1, log_jacobian = 0)
    # Newey and West's (1994) rule of thumb floor(4 (n/100)^(2/9)), as the package (not sandwich's bwNeweyWest).
    ols_rows(id, "hac_nw_auto", y ~ x, lvl, y, level, hac_lag = floor(4 * (n / 100)^(2 / 9)), log_jacobian = 0)

    pw <- prais_winsten(y, cbind(intercept = 1, x = x)); f <- pw$fit; ct <- coeftest(f); ci <- confint(f)
    for (j in seq_along(coef(f))) {
      t <- names(coef(f))[j]
      emit(id, "ar1_pw", "estimate", t, ct[j, 1]); emit(id, "ar1_pw", "std_error", t, ct[j, 2])
      emit(id, "ar1_pw", "t_value", t, ct[j, 3]); emit(id, "ar1_pw", "p_value", t, ct[j, 4])
      emit(id, "ar1_pw", "ci95_lower", t, ci[j, 1]); emit(id, "ar1_pw", "ci95_upper", t, ci[j, 2])
    }
    lj <- 0.5 * log(1 - pw$rho^2)
    emit(id, "ar1_pw", "nobs", "", nobs(f)); emit(id, "ar1_pw", "df_resid", "", df.residual(f))
    emit(id, "ar1_pw", "sigma", "", summary(f)$sigma); emit(id, "ar1_pw", "loglik", "", as.numeric(logLik(f)))
    emit(id, "ar1_pw", "durbin_watson", "", dwtest(f)$statistic[[1]])
    emit(id, "ar1_pw", "rho", "", pw$rho); emit(id, "ar1_pw", "iterations", "", pw$iterations)
    emit(id, "ar1_pw", "log_jacobian", "", lj)
    emit(id, "ar1_pw", "loglik_level_scale", "", as.numeric(logLik(f)) + lj)
    # rho is one more parameter than the coefficients and sigma that AIC() and BIC() count.
    emit(id, "ar1_pw", "aic_level_scale", "", AIC(f) - 2 * lj + 2)
    emit(id, "ar1_pw", "bic_level_scale", "", BIC(f) - 2 * lj + log(nobs(f)))

    # Theil-Sen: the median of the pairwise slopes over pairs with distinct x, then the median of y - b x.
    pairs <- combn(n, 2); keep <- x[pairs[1, ]] != x[pairs[2, ]]
    slopes <- (y[pairs[2, keep]] - y[pairs[1, keep]]) / (x[pairs[2, keep]] - x[pairs[1, keep]])
    b <- median(slopes)
    emit(id, "theil_sen", "estimate", "intercept", median(y - b * x)); emit(id, "theil_sen", "estimate", "x", b)
    emit(id, "theil_sen", "nobs", "", n); emit(id, "theil_sen", "slope_pairs", "", sum(keep))

    emit(id, "mean_only", "nobs", "", n)
    loo_rows(id, "mean_only", y, sapply(seq_len(n), function(r) mean(y[-r])))

    # The exact permutation p over all n! pairings (the package enumerates them for n <= 10): the share with
    # |sum(xc[p] * yc)| >= |sum(xc * yc)| (1 - 1e-9). Enumerated block by block: each choice of the first x, then
    # every order of the other n - 1.
    if (n <= 10) {
      perms <- function(v) if (length(v) == 1) matrix(v, 1) else
        do.call(rbind, lapply(seq_along(v), function(i) cbind(v[i], perms(v[-i]))))
      xc <- x - mean(x); yc <- y - mean(y); obs <- abs(sum(xc * yc)) * (1 - 1e-9); count <- 0
      if (!exists("rest_orders") || ncol(rest_orders) != n - 1) rest_orders <- perms(seq_len(n - 1))
      for (first in seq_len(n)) {
        p <- matrix(setdiff(seq_len(n), first)[rest_orders], nrow(rest_orders))
        s <- xc[first] * yc[1] + matrix(xc[p], nrow(p)) %*% yc[-1]
        count <- count + sum(abs(s) >= obs)
      }
      emit(id, "permutation", "p_value", "x", count / factorial(n))
      emit(id, "permutation", "exact", "x", 1)
      emit(id, "permutation", "permutations", "x", factorial(n))
    }
  }
  out <- do.call(rbind, rows)
  write.csv(out, out_path, row.names = FALSE, quote = FALSE)
  cat(sprintf("Wrote %d reference values to %s (%s; lmtest %s, sandwich %s)\n", nrow(out), out_path,
              R.version.string, packageVersion("lmtest"), packageVersion("sandwich")))
  quit(save = "no", status = 0)
}
tables_only <- "--tables-only" %in% args
args <- setdiff(args, "--tables-only")
path <- if (length(args) >= 1) args[[1]] else "seeds/data/table1.csv"
d <- read.csv(path)
markets <- list(
  T2_goods = c("goods_market_efficiency", "goods_clusters"),
  T3_financial = c("financial_market_development", "financial_clusters"),
  T4_innovation = c("innovation", "innovation_clusters"))
R <- 10000L

diagnostics <- function(fit) {
  s <- summary(fit)
  e <- residuals(fit); n <- length(e); X <- model.matrix(fit)
  dw <- sum(diff(e)^2) / sum(e^2)
  m2 <- mean((e - mean(e))^2); sk <- mean((e - mean(e))^3) / m2^1.5; ku <- mean((e - mean(e))^4) / m2^2
  jb <- n / 6 * (sk^2 + (ku - 3)^2 / 4)
  aux <- lm.fit(X, e^2); u <- e^2
  bp <- n * (1 - sum(aux$residuals^2) / sum((u - mean(u))^2))
  el <- c(0, e[-n]); bg_aux <- lm.fit(cbind(X, el), e)
  bg <- n * (1 - sum(bg_aux$residuals^2) / sum(e^2))
  xs <- sweep(X, 2, sqrt(colSums(X^2)), "/"); sv <- svd(xs)$d
  list(coef = s$coefficients, ci = confint(fit), r2 = s$r.squared, adj = s$adj.r.squared, f = s$fstatistic,
       anova = anova(fit), ll = logLik(fit), aic = AIC(fit), bic = BIC(fit), dw = dw,
       jb = c(jb, pchisq(jb, 2, lower.tail = FALSE)), bp = c(bp, pchisq(bp, ncol(X) - 1, lower.tail = FALSE)),
       bg = c(bg, pchisq(bg, 1, lower.tail = FALSE)), kappa = max(sv) / min(sv))
}

newey_west <- function(fit, lag) {
  X <- model.matrix(fit); e <- residuals(fit); n <- nrow(X)
  u <- X * e; S <- crossprod(u)
  if (lag > 0) for (l in 1:lag) {
    G <- crossprod(u[(l + 1):n, , drop = FALSE], u[1:(n - l), , drop = FALSE])
    S <- S + (1 - l / (lag + 1)) * (G + t(G))
  }
  B <- solve(crossprod(X)); sqrt(diag(B %*% S %*% B))
}

loo <- function(fit, level_y, to_level) {
  h <- hatvalues(fit)
  pred <- to_level(model.response(model.frame(fit)) - residuals(fit) / (1 - h))
  err <- level_y - pred
  c(rmse = sqrt(mean(err^2)), mae = mean(abs(err)), pr2 = 1 - sum(err^2) / sum((level_y - mean(level_y))^2))
}

perm_exact <- function(x, y) {
  xc <- x - mean(x); yc <- y - mean(y); obs <- abs(sum(xc * yc)) * (1 - 1e-9)
  n <- length(x); p <- seq_len(n); count <- 0; total <- 0
  repeat {
    total <- total + 1; if (abs(sum(xc[p] * yc)) >= obs) count <- count + 1
    i <- n - 1; while (i >= 1 && p[i] >= p[i + 1]) i <- i - 1
    if (i < 1) break
    j <- n; while (p[j] <= p[i]) j <- j - 1
    tmp <- p[i]; p[i] <- p[j]; p[j] <- tmp; p[(i + 1):n] <- rev(p[(i + 1):n])
  }
  count / total
}

bca <- function(reps, b, jack, level = 0.95) {
  z0 <- qnorm((sum(reps < b) + 0.5 * sum(reps == b)) / length(reps))
  jm <- mean(jack); a <- sum((jm - jack)^3) / (6 * sum((jm - jack)^2)^1.5)
  al <- (1 - level) / 2; z <- z0 + qnorm(c(al, 1 - al))
  quantile(reps, pnorm(z0 + z / (1 - a * z)), type = 7)
}

results <- list()
for (id in names(markets)) {
  y <- d[[markets[[id]][1]]]; x <- d[[markets[[id]][2]]]; year <- d$year; n <- length(y)
  out <- list(base = diagnostics(lm(y ~ x)))
  if (tables_only) { results[[id]] <- out; next }
  specs <- list(
    lag1 = list(f = function() lm(y[-1] ~ x[-n]), ly = y[-1], lv = identity),
    loglog = list(f = function() lm(log(y) ~ log(x)), ly = y, lv = exp),
    logy_x = list(f = function() lm(log(y) ~ x), ly = y, lv = exp),
    y_logx = list(f = function() lm(y ~ log(x)), ly = y, lv = identity),
    firstdiff = list(f = function() lm(diff(y) ~ diff(x)), ly = diff(y), lv = identity),
    x_plus_year = list(f = function() lm(y ~ x + year), ly = y, lv = identity),
    year_only = list(f = function() lm(y ~ year), ly = y, lv = identity),
    quadratic = list(f = function() lm(y ~ x + I(x^2)), ly = y, lv = identity))
  for (m in names(specs)) {
    fit <- specs[[m]]$f()
    out[[m]] <- c(diagnostics(fit), list(loo = loo(fit, specs[[m]]$ly, specs[[m]]$lv)))
  }
  base <- lm(y ~ x)
  out$hac_nw_lag1 <- newey_west(base, 1)
  out$hac_nw_auto <- newey_west(base, floor(4 * (n / 100)^(2 / 9)))
  out$mean_only <- sapply(seq_len(n), function(i) mean(y[-i]))

  b <- coef(base)[[2]]
  xc <- x - mean(x); yc <- y - mean(y); sxx <- sum(xc^2); obs <- abs(sum(xc * yc)) * (1 - 1e-9)
  set.seed(20190704)
  out$perm_exact <- if (n <= 8) perm_exact(x, y) else mean(replicate(R, abs(sum(sample(xc) * yc)) >= obs))
  out$perm_mc <- mean(replicate(R, abs(sum(sample(xc) * yc)) >= obs))
  jack <- sapply(seq_len(n), function(i) coef(lm.fit(cbind(1, x[-i]), y[-i]))[[2]])
  set.seed(20190701)
  pairs <- replicate(R, { i <- sample.int(n, n, TRUE); xi <- x[i]; if (var(xi) == 0) NA else sum((xi - mean(xi)) * (y[i] - mean(y[i]))) / sum((xi - mean(xi))^2) })
  pairs <- pairs[!is.na(pairs)]
  out$pairs <- c(quantile(pairs, c(0.025, 0.975), type = 7), bca(pairs, b, jack))
  h <- 1 / n + xc^2 / sxx; e <- residuals(base); r <- e / sqrt(1 - h); r <- r - mean(r)
  set.seed(20190702)
  resid <- replicate(R, b + sum(xc * sample(r, n, TRUE)) / sxx)
  out$residual <- c(quantile(resid, c(0.025, 0.975), type = 7), bca(resid, b, jack))
  set.seed(20190703)
  rounding <- replicate(R, { yd <- y + runif(n, -0.05, 0.05); f <- lm.fit(cbind(1, x), yd)
    s <- sum(f$residuals^2); c(f$coefficients[[2]], 1 - s / sum((yd - mean(yd))^2)) })
  out$rounding <- c(quantile(rounding[1, ], c(0.025, 0.975)), median(rounding[2, ]))
  results[[id]] <- out
}
pt <- proc.time()
cat(sprintf("R battery (%s): %d rows, 3 tables; compute %.2f s wall, %.2f s CPU (%s)\n",
            if (tables_only) "base fits and diagnostics only" else "11 models each and resampling with 10,000 replicates",
            nrow(d), pt[["elapsed"]] - t0, pt[["user.self"]] + pt[["sys.self"]], R.version.string))
