# Reference vectors for relative lifts (minimumDetectableLift, sampleSizeForLift).
# Run: cd packages/sample-size/test/reference && /usr/bin/Rscript lift.R  (base R's stats)
# Writes lift-r.json. power.prop.test and power.t.test are solved with tol = 1e-12: their default
# uniroot tolerance (.Machine$double.eps^0.25) leaves errors near 1e-5. power.t.test counts both
# tails (strict = TRUE), as pwr.t.test and the package do.
set.seed(20261207)
num <- function(x) formatC(x, digits = 17, format = "g")
rows <- character(0)
for (i in 1:40) {
  prop <- i %% 2 == 1
  n <- round(exp(runif(1, log(50), log(50000))))
  alpha <- sample(c(0.01, 0.05, 0.1), 1)
  power <- sample(c(0.8, 0.9), 1)
  if (prop) {
    p1 <- round(runif(1, 0.01, 0.6), 3)
    mde <- power.prop.test(n = n, p1 = p1, sig.level = alpha, power = power, tol = 1e-12)$p2
    lift <- round(runif(1, 0.05, 0.5), 3)
    ss <- power.prop.test(p1 = p1, p2 = p1 * (1 + lift), sig.level = alpha, power = power, tol = 1e-12)$n
    inputs <- sprintf('{"metric":"proportion","baseline":%s,"n1":%s,"alpha":%s,"power":%s,"lift":%s}', num(p1), num(n), num(alpha), num(power), num(lift))
    src <- sprintf("R %s: power.prop.test(n = %s, p1 = %s, sig.level = %s, power = %s)$p2; power.prop.test(p1 = %s, p2 = %s * (1 + %s), ...)$n", getRversion(), n, p1, alpha, power, p1, p1, lift)
    rel <- (mde - p1) / p1
  } else {
    mu <- round(runif(1, 1, 100), 2)
    sdv <- round(mu * runif(1, 0.2, 3), 2)
    delta <- power.t.test(n = n, sd = sdv, sig.level = alpha, power = power, strict = TRUE, tol = 1e-12)$delta
    lift <- round(runif(1, 0.02, 0.3), 3)
    ss <- power.t.test(delta = lift * mu, sd = sdv, sig.level = alpha, power = power, strict = TRUE, tol = 1e-12)$n
    inputs <- sprintf('{"metric":"mean","baseline":%s,"sd":%s,"n1":%s,"alpha":%s,"power":%s,"lift":%s}', num(mu), num(sdv), num(n), num(alpha), num(power), num(lift))
    src <- sprintf("R %s: power.t.test(n = %s, sd = %s, sig.level = %s, power = %s, strict = TRUE)$delta / %s; power.t.test(delta = %s * %s, sd = %s, ...)$n", getRversion(), n, sdv, alpha, power, mu, lift, mu, sdv)
    rel <- delta / mu
  }
  rows <- c(rows, sprintf('{"id":"lift-%02d-%s","source":"%s","inputs":%s,"expected":{"relative":%s,"n1Exact":%s},"tolerance":{"relative":{"rtol":1e-8,"atol":0},"n1Exact":{"rtol":1e-8,"atol":0}}}',
    i, if (prop) "proportion" else "mean", src, inputs, num(rel), num(ss)))
}
writeLines(c("[", paste(rows, collapse = ",\n"), "]"), "lift-r.json")
cat(length(rows), "vectors\n")
