# Reference vectors for the rest of pwr: pwr.p.test, pwr.norm.test, pwr.r.test, pwr.chisq.test,
# pwr.anova.test and pwr.f2.test, at inputs drawn at random (set.seed below).
# Run: cd packages/sample-size/test/reference && /usr/bin/Rscript pwr-tests.R  (writes pwr-tests-r.json)
# Powers are pwr's formulas; unknowns are found with uniroot(tol = 1e-12) on them (pwr's own
# uniroot keeps the default tolerance, about 4 significant digits), alpha on the log scale so a
# small alpha keeps its digits. For the chi-square, ANOVA and regression tests the noncentral tail
# is the Poisson mixture of R's central pchisq/pbeta (TOMS 708, about 1e-15), summed to 1e-17:
# R's own pf(ncp) goes through pnbeta, which stops at an absolute error of 1e-9 (pwr.f2.test(u = 3,
# v = 40, ...) differs from the mixture by 1.5e-10), so the vectors name pwr's call and use the
# mixture for its tail.
suppressMessages(library(pwr))
set.seed(20261207)
TOL <- 1e-12
ver <- sprintf("R %s, pwr %s", getRversion(), packageVersion("pwr"))
fmt <- function(v) if (is.character(v)) sprintf('"%s"', v) else formatC(v, digits = 17, format = "g")
obj <- function(l) paste0("{", paste(sprintf('"%s":%s', names(l), vapply(l, fmt, "")), collapse = ","), "}")
rows <- character()
add <- function(source, inputs, expected, rtol) {
  rows <<- c(rows, sprintf('{"id":"pwr-%03d-%s","source":"%s: %s","inputs":%s,"expected":%s,"tolerance":{"rtol":%s,"atol":1e-13}}',
    length(rows) + 1, inputs$test, ver, gsub('"', "'", source), obj(inputs), obj(expected), fmt(rtol)))
}
ralt <- function(a) switch(a, "two-sided" = "two.sided", greater = "greater", less = "less")
pick <- function(x) x[sample.int(length(x), 1)]
solveFor <- function(f, lo, hi) {
  if (sign(f(lo)) == sign(f(hi))) return(NULL)
  uniroot(f, c(lo, hi), tol = TOL)$root
}
u <- function(a, b, digits = 3) round(runif(1, a, b), digits)
solveAlpha <- function(f) {
  x <- solveFor(function(la) f(exp(la)), log(1e-10), log(1 - 1e-10))
  if (is.null(x)) NULL else exp(x)
}
mixJ <- function(mu) max(0, floor(mu - 40 * sqrt(mu))):ceiling(mu + 40 * sqrt(mu + 1) + 100)
pfUpper <- function(q, df1, df2, ncp) {
  x <- df1 * q / (df2 + df1 * q)
  J <- mixJ(ncp / 2)
  sum(dpois(J, ncp / 2) * pbeta(x, df1 / 2 + J, df2 / 2, lower.tail = FALSE))
}
pchisqUpper <- function(q, df, ncp) {
  J <- mixJ(ncp / 2)
  sum(dpois(J, ncp / 2) * pchisq(q, df + 2 * J, lower.tail = FALSE))
}

while (length(rows) < 240) {
  test <- pick(c("p", "norm", "r", "chisq", "anova", "f2"))
  alpha <- pick(c(0.01, 0.05, 0.1))
  alt <- pick(c("two-sided", "greater", "less"))
  solve <- pick(c("power", "power", "power", "n", "n", "effect", "alpha"))
  target <- pick(c(0.7, 0.8, 0.9))
  if (test %in% c("p", "norm")) {
    eff <- u(0.05, 1.2) * (if (alt == "less") -1 else if (alt == "two-sided") pick(c(-1, 1)) else 1)
    n <- round(runif(1, 5, 400))
    en <- if (test == "p") "h" else "d"
    pw <- function(e, n, a) {
      if (test == "p") pwr.p.test(h = e, n = n, sig.level = a, alternative = ralt(alt))$power
      else pwr.norm.test(d = e, n = n, sig.level = a, alternative = ralt(alt))$power
    }
    call <- sprintf("pwr.%s.test(%s = %s, n = %s, sig.level = %s, alternative = '%s')", test, en, eff, n, alpha, ralt(alt))
    base <- list(test = test, alternative = alt)
    base[[en]] <- eff
    if (solve == "power") {
      add(paste0(call, "$power"), c(base, list(n = n, alpha = alpha, solve = "power")), list(power = pw(eff, n, alpha)), 1e-11)
    } else if (solve == "n") {
      x <- solveFor(function(m) pw(eff, m, alpha) - target, 2, 1e9)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over n", call, target), c(base, list(alpha = alpha, power = target, solve = "n")), list(n = x), 1e-9)
    } else if (solve == "effect") {
      s <- if (alt == "less") -1 else 1
      x <- solveFor(function(e) pw(s * e, n, alpha) - target, 1e-10, 10)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over %s", call, target, en), list(test = test, alternative = alt, n = n, alpha = alpha, power = target, solve = en), setNames(list(s * x), en), 1e-9)
    } else {
      x <- solveAlpha(function(a) pw(eff, n, a) - target)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over sig.level", call, target), c(base, list(n = n, power = target, solve = "alpha")), list(alpha = x), 1e-9)
    }
  } else if (test == "r") {
    r <- u(0.05, 0.7) * (if (alt == "less") -1 else if (alt == "two-sided") pick(c(-1, 1)) else 1)
    n <- round(runif(1, 8, 400))
    pw <- function(r, n, a) pwr.r.test(r = r, n = n, sig.level = a, alternative = ralt(alt))$power
    call <- sprintf("pwr.r.test(r = %s, n = %s, sig.level = %s, alternative = '%s')", r, n, alpha, ralt(alt))
    if (solve == "power") {
      add(paste0(call, "$power"), list(test = "r", alternative = alt, r = r, n = n, alpha = alpha, solve = "power"), list(power = pw(r, n, alpha)), 1e-11)
    } else if (solve == "n") {
      x <- solveFor(function(m) pw(r, m, alpha) - target, 4 + 1e-10, 1e9)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over n", call, target), list(test = "r", alternative = alt, r = r, alpha = alpha, power = target, solve = "n"), list(n = x), 1e-9)
    } else if (solve == "effect") {
      x <- if (alt == "less") solveFor(function(q) pw(q, n, alpha) - target, -1 + 1e-10, -1e-10) else solveFor(function(q) pw(q, n, alpha) - target, 1e-10, 1 - 1e-10)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over r", call, target), list(test = "r", alternative = alt, n = n, alpha = alpha, power = target, solve = "r"), list(r = x), 1e-9)
    } else {
      x <- solveAlpha(function(a) pw(r, n, a) - target)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over sig.level", call, target), list(test = "r", alternative = alt, r = r, n = n, power = target, solve = "alpha"), list(alpha = x), 1e-9)
    }
  } else if (test == "chisq") {
    w <- u(0.05, 0.6)
    N <- round(runif(1, 20, 800))
    df <- sample(1:12, 1)
    pw <- function(w, N, a) pchisqUpper(qchisq(a, df, lower.tail = FALSE), df, N * w^2)
    call <- sprintf("pwr.chisq.test(w = %s, N = %s, df = %s, sig.level = %s)", w, N, df, alpha)
    if (solve == "power") {
      add(paste0(call, "$power, its tail as the mixture of pchisq"), list(test = "chisq", w = w, N = N, df = df, alpha = alpha, solve = "power"), list(power = pw(w, N, alpha)), 1e-10)
    } else if (solve == "n") {
      x <- solveFor(function(m) pw(w, m, alpha) - target, 1 + 1e-10, 1e9)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over N", call, target), list(test = "chisq", w = w, df = df, alpha = alpha, power = target, solve = "N"), list(N = x), 1e-9)
    } else if (solve == "effect") {
      x <- solveFor(function(q) pw(q, N, alpha) - target, 1e-10, 100)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over w", call, target), list(test = "chisq", N = N, df = df, alpha = alpha, power = target, solve = "w"), list(w = x), 1e-9)
    } else {
      x <- solveAlpha(function(a) pw(w, N, a) - target)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over sig.level", call, target), list(test = "chisq", w = w, N = N, df = df, power = target, solve = "alpha"), list(alpha = x), 1e-9)
    }
  } else if (test == "anova") {
    k <- sample(2:8, 1)
    n <- round(runif(1, 4, 120))
    f <- u(0.05, 0.6)
    pw <- function(k, n, f, a) pfUpper(qf(a, k - 1, (n - 1) * k, lower.tail = FALSE), k - 1, (n - 1) * k, k * n * f^2)
    call <- sprintf("pwr.anova.test(k = %s, n = %s, f = %s, sig.level = %s)", k, n, f, alpha)
    if (solve == "power") {
      add(paste0(call, "$power, its tail as the mixture of pbeta"), list(test = "anova", k = k, n = n, f = f, alpha = alpha, solve = "power"), list(power = pw(k, n, f, alpha)), 1e-10)
    } else if (solve == "n") {
      x <- solveFor(function(m) pw(k, m, f, alpha) - target, 2 + 1e-10, 1e9)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over n", call, target), list(test = "anova", k = k, f = f, alpha = alpha, power = target, solve = "n"), list(n = x), 1e-9)
    } else if (solve == "effect") {
      x <- solveFor(function(q) pw(k, n, q, alpha) - target, 1e-7, 100)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over f", call, target), list(test = "anova", k = k, n = n, alpha = alpha, power = target, solve = "f"), list(f = x), 1e-9)
    } else {
      x <- solveAlpha(function(a) pw(k, n, f, a) - target)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over sig.level", call, target), list(test = "anova", k = k, n = n, f = f, power = target, solve = "alpha"), list(alpha = x), 1e-9)
    }
  } else {
    uu <- sample(1:10, 1)
    v <- round(runif(1, 10, 400))
    f2 <- u(0.02, 0.5)
    pw <- function(uu, v, f2, a) pfUpper(qf(a, uu, v, lower.tail = FALSE), uu, v, f2 * (uu + v + 1))
    call <- sprintf("pwr.f2.test(u = %s, v = %s, f2 = %s, sig.level = %s)", uu, v, f2, alpha)
    if (solve == "power") {
      add(paste0(call, "$power, its tail as the mixture of pbeta"), list(test = "f2", u = uu, v = v, f2 = f2, alpha = alpha, solve = "power"), list(power = pw(uu, v, f2, alpha)), 1e-10)
    } else if (solve == "n") {
      x <- solveFor(function(m) pw(uu, m, f2, alpha) - target, 1 + 1e-10, 1e9)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over v", call, target), list(test = "f2", u = uu, f2 = f2, alpha = alpha, power = target, solve = "v"), list(v = x), 1e-9)
    } else if (solve == "effect") {
      x <- solveFor(function(q) pw(uu, v, q, alpha) - target, 1e-7, 100)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over f2", call, target), list(test = "f2", u = uu, v = v, alpha = alpha, power = target, solve = "f2"), list(f2 = x), 1e-9)
    } else {
      x <- solveAlpha(function(a) pw(uu, v, f2, a) - target)
      if (is.null(x)) next
      add(sprintf("uniroot(tol = 1e-12) on %s$power = %s over sig.level", call, target), list(test = "f2", u = uu, v = v, f2 = f2, power = target, solve = "alpha"), list(alpha = x), 1e-9)
    }
  }
}
writeLines(c("[", paste(rows, collapse = ",\n"), "]"), "pwr-tests-r.json")
cat(length(rows), "vectors\n")
