# Reference vectors for t tests, from R's pwr::pwr.t.test and pwr::pwr.t2n.test.
# Regenerate: Rscript test/reference/t-tests.R > test/reference/t-tests-r.json
# Needs Debian's r-base-core and r-cran-pwr. Unknowns are found with uniroot(tol = 1e-12) on
# pwr's power (pwr's own uniroot keeps the default tolerance, about 4 significant digits).
suppressMessages(library(pwr))
TOL <- 1e-12
ver <- sprintf("R %s, pwr %s", getRversion(), packageVersion("pwr"))
json_value <- function(v) {
  if (is.character(v)) return(sprintf('"%s"', v))
  sprintf("%.17g", v)
}
json_object <- function(l) paste0("{", paste(sprintf('"%s":%s', names(l), vapply(l, json_value, "")), collapse = ","), "}")
rows <- character()
add <- function(id, source, inputs, expected, tolerance) {
  rows <<- c(rows, sprintf('{"id":"%s","source":"%s: %s","inputs":%s,"expected":%s,"tolerance":{"rtol":%s,"atol":1e-14}}',
    id, ver, gsub('"', "'", source), json_object(inputs), json_object(expected), json_value(tolerance)))
}
ralt <- function(a) switch(a, "two-sided" = "two.sided", greater = "greater", less = "less")
rtype <- function(t) switch(t, "two-sample" = "two.sample", "one-sample" = "one.sample", paired = "paired")

k <- 0
for (type in c("two-sample", "one-sample", "paired")) for (d in c(0.2, 0.5, 1.2, -0.4)) for (alt in c("two-sided", "greater", "less")) {
  if ((alt == "greater" && d < 0) || (alt == "less" && d > 0)) next
  for (a in c(0.05, 0.01)) {
    k <- k + 1
    f <- function(n) pwr.t.test(n = n, d = d, sig.level = a, type = rtype(type), alternative = ralt(alt))$power
    n <- uniroot(function(n) f(n) - 0.8, c(2 + 1e-10, 1e7), tol = TOL)$root
    add(sprintf("t-n-%d", k), sprintf("uniroot(tol = 1e-12) on pwr.t.test(n, d = %g, sig.level = %g, type = '%s', alternative = '%s')$power = 0.8", d, a, rtype(type), ralt(alt)),
      list(solve = "n", type = type, d = d, alpha = a, alternative = alt, power = 0.8), list(n1Exact = n), 1e-8)
    for (m in c(5, 40)) {
      add(sprintf("t-power-%d-%d", k, m), sprintf("pwr.t.test(n = %d, d = %g, sig.level = %g, type = '%s', alternative = '%s')$power", m, d, a, rtype(type), ralt(alt)),
        list(solve = "power", type = type, n1 = m, d = d, alpha = a, alternative = alt), list(power = f(m)), 1e-10)
    }
  }
}
k <- 0
for (n1 in c(10, 60)) for (n2 in c(8, 25, 150)) for (d in c(0.3, 0.8)) for (alt in c("two-sided", "greater")) {
  k <- k + 1
  pw <- pwr.t2n.test(n1 = n1, n2 = n2, d = d, alternative = ralt(alt))$power
  add(sprintf("t2n-power-%d", k), sprintf("pwr.t2n.test(n1 = %d, n2 = %d, d = %g, alternative = '%s')$power", n1, n2, d, ralt(alt)),
    list(solve = "power", type = "two-sample", n1 = n1, n2 = n2, d = d, alternative = alt), list(power = pw), 1e-10)
}
k <- 0
for (n1 in c(30, 80)) for (d in c(0.5, 0.9)) for (alt in c("two-sided", "less")) {
  k <- k + 1
  dd <- if (alt == "less") -d else d
  g <- function(n2) pwr.t2n.test(n1 = n1, n2 = n2, d = dd, alternative = ralt(alt))$power - 0.8
  if (g(2 + 1e-10) > 0 || g(1e7) < 0) next
  n2 <- uniroot(g, c(2 + 1e-10, 1e7), tol = TOL)$root
  add(sprintf("t2n-n2-%d", k), sprintf("uniroot(tol = 1e-12) on pwr.t2n.test(n1 = %d, n2, d = %g, alternative = '%s')$power = 0.8", n1, dd, ralt(alt)),
    list(solve = "n2", type = "two-sample", n1 = n1, d = dd, alternative = alt, power = 0.8), list(n2Exact = n2), 1e-8)
}
k <- 0
for (n in c(12, 50, 400)) for (type in c("two-sample", "paired")) for (alt in c("two-sided", "greater", "less")) {
  k <- k + 1
  f <- function(d) pwr.t.test(n = n, d = d, type = rtype(type), alternative = ralt(alt))$power - 0.8
  d <- if (alt == "less") uniroot(f, c(-10, -1e-9), tol = TOL)$root else uniroot(f, c(1e-9, 10), tol = TOL)$root
  add(sprintf("t-d-%d", k), sprintf("uniroot(tol = 1e-12) on pwr.t.test(n = %d, d, type = '%s', alternative = '%s')$power = 0.8", n, rtype(type), ralt(alt)),
    list(solve = "d", type = type, n1 = n, alternative = alt, power = 0.8), list(d = d), 1e-8)
}
k <- 0
for (n in c(20, 100)) for (d in c(0.4, 0.7)) {
  k <- k + 1
  a <- uniroot(function(a) pwr.t.test(n = n, d = d, sig.level = a)$power - 0.75, c(1e-10, 1 - 1e-10), tol = TOL)$root
  add(sprintf("t-alpha-%d", k), sprintf("uniroot(tol = 1e-12) on pwr.t.test(n = %d, d = %g, sig.level)$power = 0.75", n, d),
    list(solve = "alpha", type = "two-sample", n1 = n, d = d, power = 0.75), list(alpha = a), 1e-8)
}
cat("[\n", paste(rows, collapse = ",\n"), "\n]\n", sep = "")
