# Makes the any-paper test set (tests/Reproduction/AnyPaperTests.cs): data of two markets, their printed tables in the
# ToolPak layout computed by R's lm, independently of this package, and the same tables with planted errors.
# Run from the repository root: Rscript tests/Reproduction/AnyPaper/make.R
# Writes data.csv, published-clean.csv (R's numbers, rounded as printed), published.csv (with the planted errors below)
# and r-reference.csv (the two-regressor fit at full precision, for the engine's test against R).
dir <- "tests/Reproduction/AnyPaper"
set.seed(20191302)
n <- 12
year <- 2001:2012
# Market "demand": one regressor, a real-valued x with negative values (temperature anomaly, one decimal).
temp_anomaly <- round(runif(n, -3.5, 4.5), 1)
demand <- round(112 + 6.3 * temp_anomaly + rnorm(n, 0, 4), 2)
# Market "wages": two regressors (years of schooling, two decimals; tenure, one decimal).
schooling <- round(runif(n, 9, 17), 2)
tenure <- round(runif(n, 0.5, 25), 1)
wage <- round(3.2 + 0.41 * schooling + 0.052 * tenure + rnorm(n, 0, 0.25), 3)
data <- data.frame(year, demand, temp_anomaly, wage, schooling, tenure)
write.csv(data, file.path(dir, "data.csv"), row.names = FALSE, quote = FALSE)
d <- read.csv(file.path(dir, "data.csv"))  # fit the values as written

# Excel prints a p-value too small for its decimals in E notation (General format); so do these tables.
num <- function(v, dec, e = FALSE) if (e) sprintf("%.5E", v) else sprintf(paste0("%.", dec, "f"), v)
decimals_of <- function(s) { m <- sub("E.*", "", s); if (grepl(".", m, fixed = TRUE)) nchar(sub(".*\\.", "", m)) else 0 }

rows <- list()
add <- function(table, section, statistic, term, row, column, printed)
  rows[[length(rows) + 1]] <<- data.frame(table = table, section = section, statistic = statistic, term = term,
    paper_row = row, paper_column = column, standard_row = row, standard_column = column,
    printed = printed, decimals = decimals_of(printed))

toolpak <- function(table, fit, terms, dec) {
  s <- summary(fit); a <- anova(fit)
  k <- length(terms); nn <- length(fit$residuals); dfr <- fit$df.residual
  ssr <- sum(a[["Sum Sq"]][1:k]); sse <- sum(fit$residuals^2); sst <- ssr + sse
  f <- s$fstatistic[["value"]]; pf <- pf(f, k, dfr, lower.tail = FALSE)
  small <- function(p) p < 1e-4
  add(table, "regression_statistics", "multiple_r", "", "Multiple R", "", num(sqrt(s$r.squared), dec$r))
  add(table, "regression_statistics", "r_squared", "", "R Square", "", num(s$r.squared, dec$r))
  add(table, "regression_statistics", "adj_r_squared", "", "Adjusted R Square", "", num(s$adj.r.squared, dec$r))
  add(table, "regression_statistics", "sigma", "", "Standard Error", "", num(s$sigma, dec$sigma))
  add(table, "regression_statistics", "nobs", "", "Observations", "", num(nn, 0))
  add(table, "anova", "df_model", "", "Regression", "df", num(k, 0))
  add(table, "anova", "ss_regression", "", "Regression", "SS", num(ssr, dec$ss))
  add(table, "anova", "ms_regression", "", "Regression", "MS", num(ssr / k, dec$ms))
  add(table, "anova", "f_stat", "", "Regression", "F", num(f, dec$f))
  add(table, "anova", "f_pvalue", "", "Regression", "Significance F", num(pf, dec$p, small(pf)))
  add(table, "anova", "df_resid", "", "Residual", "df", num(dfr, 0))
  add(table, "anova", "ss_residual", "", "Residual", "SS", num(sse, dec$ss))
  add(table, "anova", "ms_residual", "", "Residual", "MS", num(sse / dfr, dec$ms))
  add(table, "anova", "df_total", "", "Total", "df", num(nn - 1, 0))
  add(table, "anova", "ss_total", "", "Total", "SS", num(sst, dec$ss))
  co <- s$coefficients; ci <- confint(fit, level = 0.95)
  names <- c("intercept", terms); labels <- c("Intercept", if (k == 1) "X Variable 1" else terms)
  for (j in seq_along(names)) {
    add(table, "coefficients", "estimate", names[j], labels[j], "Coefficients", num(co[j, 1], dec$b))
    add(table, "coefficients", "std_error", names[j], labels[j], "Standard Error", num(co[j, 2], dec$b))
    add(table, "coefficients", "t_value", names[j], labels[j], "t Stat", num(co[j, 3], dec$t))
    add(table, "coefficients", "p_value", names[j], labels[j], "P-value", num(co[j, 4], dec$p, small(co[j, 4])))
    add(table, "coefficients", "ci95_lower", names[j], labels[j], "Lower 95%", num(ci[j, 1], dec$ci))
    add(table, "coefficients", "ci95_upper", names[j], labels[j], "Upper 95%", num(ci[j, 2], dec$ci))
  }
}
demand_fit <- lm(demand ~ temp_anomaly, data = d)
wages_fit <- lm(wage ~ schooling + tenure, data = d)
toolpak("D1", demand_fit, "x", list(r = 4, sigma = 3, ss = 2, ms = 2, f = 3, p = 4, b = 4, t = 3, ci = 3))
toolpak("W2", wages_fit, c("schooling", "tenure"), list(r = 6, sigma = 5, ss = 4, ms = 5, f = 2, p = 6, b = 5, t = 4, ci = 4))
clean <- do.call(rbind, rows)
write.csv(clean, file.path(dir, "published-clean.csv"), row.names = FALSE, quote = FALSE)

# The planted errors; AnyPaperTests.cs lists the same cells with the verdict each must get.
plant <- function(t, stat, term, f) { i <- which(clean$table == t & clean$statistic == stat & clean$term == term); clean$printed[i] <<- f(clean$printed[i]) }
unit_shift <- function(s, by) { d <- decimals_of(s); num(as.numeric(s) + by * 10^-d, d) }
swap_last_two <- function(s) { n <- nchar(s); paste0(substr(s, 1, n - 2), substr(s, n, n), substr(s, n - 1, n - 1)) }
plant("D1", "estimate", "x", function(s) swap_last_two(s))            # mismatch: two digits transposed
plant("D1", "r_squared", "", function(s) unit_shift(s, 1))             # last-digit: one unit up
plant("W2", "t_value", "schooling", function(s) unit_shift(s, 70))     # mismatch: a slipped digit
plant("W2", "ss_residual", "", function(s) unit_shift(s, -1))          # last-digit: one unit down
plant("W2", "f_pvalue", "", function(s) sub("^(\\d)\\.(\\d)(\\d)", "\\1.\\3\\2", s))  # mismatch: mantissa digits transposed (E notation)
write.csv(clean, file.path(dir, "published.csv"), row.names = FALSE, quote = FALSE)

# The two-regressor fit at full precision, for the engine's test against R.
co <- summary(wages_fit)$coefficients
ref <- data.frame(term = c("intercept", "schooling", "tenure"),
  estimate = sprintf("%.17g", co[, 1]), std_error = sprintf("%.17g", co[, 2]), p_value = sprintf("%.17g", co[, 4]))
write.csv(ref, file.path(dir, "r-reference.csv"), row.names = FALSE, quote = FALSE)
