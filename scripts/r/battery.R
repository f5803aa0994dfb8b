# The main job's battery in base R, for timing side by side with `dotnet run scripts/reproduce.cs`.
# Usage: Rscript scripts/r/battery.R [seeds/data/table1.csv] [--tables-only]
#   --tables-only: only the three base fits with their diagnostics (Tables 2-4), nothing else.
# Same work on the same data: for each of the three tables, the base fit with Excel's SUMMARY OUTPUT statistics,
# log-likelihood, AIC, BIC, Durbin-Watson, Jarque-Bera, Breusch-Pagan (Koenker), Breusch-Godfrey(1) and the
# condition number; the ten alternative models (lag 1, logs, first difference, year, quadratic, Newey-West lag 1 and
# automatic lag) with the same statistics and exact leave-one-out through the hat values; the mean-only benchmark;
# and the resampling section: the exact permutation test by enumeration (n! pairings, here through the lexicographic
# next-permutation in R, so only for n <= 8; above it this script does 10,000 random pairings instead and says so),
# a 10,000-replicate Monte Carlo permutation test, pairs and residual bootstraps with percentile and BCa intervals,
# and a 10,000-draw rounding Monte Carlo. Writes nothing; prints the elapsed compute time.
# Base R only (no lmtest/sandwich): the tests are written out from their definitions.
t0 <- proc.time()[["elapsed"]]
args <- commandArgs(trailingOnly = TRUE)
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
