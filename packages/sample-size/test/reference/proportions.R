# Reference vectors for two proportions and t tests, from R's stats::power.prop.test, pwr and
# fisher.test / prop.test enumeration.
# Regenerate: Rscript test/reference/proportions.R > test/reference/proportions-r.json
# Needs Debian's r-base-core and r-cran-pwr. Solved unknowns use uniroot(tol = 1e-12), because
# the default tolerance (eps^0.25) leaves only about 4 significant digits.
suppressMessages(library(pwr))
TOL <- 1e-12
ver <- sprintf("R %s, pwr %s", getRversion(), packageVersion("pwr"))

json_value <- function(v) {
  if (is.character(v)) return(sprintf('"%s"', v))
  if (is.logical(v)) return(if (v) "true" else "false")
  sprintf("%.17g", v)
}
json_object <- function(l) {
  paste0("{", paste(sprintf('"%s":%s', names(l), vapply(l, json_value, "")), collapse = ","), "}")
}
rows <- character()
add <- function(id, source, inputs, expected, tolerance = 1e-9) {
  rows <<- c(rows, sprintf('{"id":"%s","source":"%s: %s","inputs":%s,"expected":%s,"tolerance":{"rtol":%s,"atol":1e-14}}',
    id, ver, gsub('"', "'", source), json_object(inputs), json_object(expected), json_value(tolerance)))
}
ppt_alt <- function(a) if (a == "two-sided") "two.sided" else "one.sided"
pwr_alt <- function(a) switch(a, "two-sided" = "two.sided", greater = "greater", less = "less")

# --- pooled: power.prop.test -------------------------------------------------------------
k <- 0
for (p in list(c(0.5, 0.52), c(0.1, 0.15), c(0.3, 0.2), c(0.65, 0.45), c(0.02, 0.05), c(0.9, 0.95))) {
  for (alt in c("two-sided", "one-sided")) for (a in c(0.05, 0.01)) for (strict in c(FALSE, TRUE)) {
    if (strict && alt == "one-sided") next
    k <- k + 1
    r <- power.prop.test(p1 = p[1], p2 = p[2], power = 0.8, sig.level = a, alternative = ppt_alt(alt), strict = strict, tol = TOL)
    add(sprintf("pooled-n-%d", k), sprintf("power.prop.test(p1 = %g, p2 = %g, power = 0.8, sig.level = %g, alternative = '%s', strict = %s, tol = 1e-12)$n",
      p[1], p[2], a, ppt_alt(alt), strict),
      list(solve = "n", method = "pooled", p1 = p[1], p2 = p[2], power = 0.8, alpha = a, alternative = alt, strict = strict),
      list(n1Exact = r$n), 1e-9)
    n <- ceiling(r$n * 0.7)
    pw <- power.prop.test(n = n, p1 = p[1], p2 = p[2], sig.level = a, alternative = ppt_alt(alt), strict = strict)$power
    add(sprintf("pooled-power-%d", k), sprintf("power.prop.test(n = %d, p1 = %g, p2 = %g, sig.level = %g, alternative = '%s', strict = %s)$power",
      n, p[1], p[2], a, ppt_alt(alt), strict),
      list(solve = "power", method = "pooled", p1 = p[1], p2 = p[2], n1 = n, alpha = a, alternative = alt, strict = strict),
      list(power = pw), 1e-12)
  }
}
k <- 0
for (p1 in c(0.05, 0.2, 0.5, 0.8)) for (n in c(50, 400, 5000)) for (alt in c("two-sided", "one-sided")) {
  k <- k + 1
  r <- power.prop.test(n = n, p1 = p1, power = 0.8, alternative = ppt_alt(alt), tol = TOL)
  if (r$p2 > 1) next
  add(sprintf("pooled-p2-%d", k), sprintf("power.prop.test(n = %d, p1 = %g, power = 0.8, alternative = '%s', tol = 1e-12)$p2", n, p1, ppt_alt(alt)),
    list(solve = "p2", method = "pooled", p1 = p1, n1 = n, power = 0.8, alternative = alt), list(p2 = r$p2), 1e-9)
}
k <- 0
for (n in c(200, 500, 2000)) for (p in list(c(0.5, 0.55), c(0.2, 0.25))) {
  k <- k + 1
  r <- power.prop.test(n = n, p1 = p[1], p2 = p[2], power = 0.6, sig.level = NULL, tol = TOL)
  add(sprintf("pooled-alpha-%d", k), sprintf("power.prop.test(n = %d, p1 = %g, p2 = %g, power = 0.6, sig.level = NULL, tol = 1e-12)$sig.level", n, p[1], p[2]),
    list(solve = "alpha", method = "pooled", p1 = p[1], p2 = p[2], n1 = n, power = 0.6), list(alpha = r$sig.level), 1e-8)
}

# --- arcsine: pwr.2p.test and pwr.2p2n.test ----------------------------------------------
k <- 0
for (p in list(c(0.52, 0.5), c(0.2, 0.1), c(0.45, 0.65), c(0.03, 0.01), c(0.999, 0.9))) {
  h <- ES.h(p[1], p[2])
  for (alt in c("two-sided", "greater", "less")) for (a in c(0.05, 0.1)) {
    k <- k + 1
    f <- function(n) pwr.2p.test(h = h, n = n, sig.level = a, alternative = pwr_alt(alt))$power
    if (f(1e9) > 0.8) {
      n <- uniroot(function(n) f(n) - 0.8, c(2 + 1e-10, 1e9), tol = TOL)$root
      add(sprintf("arcsine-n-%d", k), sprintf("uniroot(tol = 1e-12) on pwr.2p.test(h = ES.h(%g, %g), n, sig.level = %g, alternative = '%s')$power = 0.8",
        p[1], p[2], a, pwr_alt(alt)),
        list(solve = "n", method = "arcsine", p1 = p[1], p2 = p[2], power = 0.8, alpha = a, alternative = alt), list(n1Exact = n), 1e-8)
    }
    for (n in c(30, 300)) {
      add(sprintf("arcsine-power-%d-%d", k, n), sprintf("pwr.2p.test(h = ES.h(%g, %g), n = %d, sig.level = %g, alternative = '%s')$power", p[1], p[2], n, a, pwr_alt(alt)),
        list(solve = "power", method = "arcsine", p1 = p[1], p2 = p[2], n1 = n, alpha = a, alternative = alt), list(power = f(n)), 1e-12)
    }
    for (n1 in c(40, 250)) {
      n2 <- round(n1 * 1.7)
      pw <- pwr.2p2n.test(h = h, n1 = n1, n2 = n2, sig.level = a, alternative = pwr_alt(alt))$power
      add(sprintf("arcsine-2n-power-%d-%d", k, n1), sprintf("pwr.2p2n.test(h = ES.h(%g, %g), n1 = %d, n2 = %d, sig.level = %g, alternative = '%s')$power",
        p[1], p[2], n1, n2, a, pwr_alt(alt)),
        list(solve = "power", method = "arcsine", p1 = p[1], p2 = p[2], n1 = n1, n2 = n2, alpha = a, alternative = alt), list(power = pw), 1e-12)
    }
  }
}
k <- 0
for (h in c(0.1, 0.3, -0.25)) for (n1 in c(100, 600)) for (alt in c("two-sided", "greater", "less")) {
  g <- function(n2) pwr.2p2n.test(h = h, n1 = n1, n2 = n2, alternative = pwr_alt(alt))$power - 0.8
  if (g(1e9) < 0 || g(2 + 1e-10) > 0) next
  k <- k + 1
  n2 <- uniroot(g, c(2 + 1e-10, 1e9), tol = TOL)$root
  add(sprintf("arcsine-n2-%d", k), sprintf("uniroot(tol = 1e-12) on pwr.2p2n.test(h = %g, n1 = %d, n2, alternative = '%s')$power = 0.8", h, n1, pwr_alt(alt)),
    list(solve = "n2", method = "arcsine", h = h, n1 = n1, power = 0.8, alternative = alt), list(n2Exact = n2), 1e-8)
}
k <- 0
for (n in c(50, 500, 3000)) for (alt in c("two-sided", "greater", "less")) for (pw in c(0.8, 0.9)) {
  k <- k + 1
  f <- function(h) pwr.2p.test(h = h, n = n, power = NULL, alternative = pwr_alt(alt))$power - pw
  h <- if (alt == "less") uniroot(f, c(-10, -1e-10), tol = TOL)$root else uniroot(f, c(1e-10, 10), tol = TOL)$root
  add(sprintf("arcsine-h-%d", k), sprintf("uniroot(tol = 1e-12) on pwr.2p.test(h, n = %d, alternative = '%s')$power = %g", n, pwr_alt(alt), pw),
    list(solve = "h", method = "arcsine", n1 = n, power = pw, alternative = alt), list(h = h), 1e-8)
}
k <- 0
for (n in c(100, 800)) for (h in c(0.2, 0.15)) {
  k <- k + 1
  a <- uniroot(function(a) pwr.2p.test(h = h, n = n, sig.level = a)$power - 0.7, c(1e-10, 1 - 1e-10), tol = TOL)$root
  add(sprintf("arcsine-alpha-%d", k), sprintf("uniroot(tol = 1e-12) on pwr.2p.test(h = %g, n = %d, sig.level)$power = 0.7", h, n),
    list(solve = "alpha", method = "arcsine", h = h, n1 = n, power = 0.7), list(alpha = a), 1e-8)
}

# --- fleiss-cc and evan-miller: their published formulas, evaluated in R ---------------------
# Fleiss, Tytun & Ury (1980): n' = n/4 (1 + sqrt(1 + 2(r + 1)/(n r |p2 - p1|)))^2, with n the
# uncorrected pooled-variance size of group 1 (Fleiss 1981, eq. 3.18 for r = n2/n1).
k <- 0
for (p in list(c(0.5, 0.52), c(0.1, 0.15), c(0.3, 0.2), c(0.05, 0.12))) for (r in c(1, 2, 0.5)) for (alt in c("two-sided", "one-sided")) {
  k <- k + 1
  za <- qnorm(if (alt == "two-sided") 0.025 else 0.05, lower.tail = FALSE)
  zb <- qnorm(0.8)
  d <- abs(p[2] - p[1])
  pbar <- (p[1] + r * p[2]) / (1 + r)
  n <- (za * sqrt(pbar * (1 - pbar) * (1 + 1 / r)) + zb * sqrt(p[1] * (1 - p[1]) + p[2] * (1 - p[2]) / r))^2 / d^2
  ncc <- n / 4 * (1 + sqrt(1 + 2 * (r + 1) / (n * r * d)))^2
  add(sprintf("fleiss-cc-n-%d", k), sprintf("Fleiss-Tytun-Ury corrected n in R: p1 = %g, p2 = %g, r = %g, %s, alpha = 0.05, power = 0.8", p[1], p[2], r, alt),
    list(solve = "n", method = "fleiss-cc", p1 = p[1], p2 = p[2], ratio = r, alternative = alt), list(n1Exact = ncc), 1e-9)
}
# Evan Miller's calculator: n = (z_a sqrt(2 p1 q1) + z_b sqrt(p1 q1 + p2 q2))^2 / d^2 per group.
k <- 0
for (p in list(c(0.5, 0.52), c(0.1, 0.15), c(0.3, 0.2), c(0.05, 0.12), c(0.2, 0.21))) for (alt in c("two-sided", "one-sided")) for (pw in c(0.8, 0.5)) {
  k <- k + 1
  za <- qnorm(if (alt == "two-sided") 0.025 else 0.05, lower.tail = FALSE)
  zb <- qnorm(pw)
  n <- (za * sqrt(2 * p[1] * (1 - p[1])) + zb * sqrt(p[1] * (1 - p[1]) + p[2] * (1 - p[2])))^2 / (p[2] - p[1])^2
  add(sprintf("evan-miller-n-%d", k), sprintf("Evan Miller's formula in R: p1 = %g, p2 = %g, %s, alpha = 0.05, power = %g", p[1], p[2], alt, pw),
    list(solve = "n", method = "evan-miller", p1 = p[1], p2 = p[2], power = pw, alternative = alt), list(n1Exact = n), 1e-9)
}

# --- exact methods: enumeration with fisher.test and prop.test ------------------------------
enum_power <- function(n1, n2, p1, p2, a, test) {
  total <- 0
  for (x1 in 0:n1) for (x2 in 0:n2) {
    if (test(x1, x2) <= a) total <- total + dbinom(x1, n1, p1) * dbinom(x2, n2, p2)
  }
  total
}
fisher_p <- function(n1, n2, alt) function(x1, x2) fisher.test(matrix(c(x1, n1 - x1, x2, n2 - x2), 2), alternative = alt)$p.value
prop_p <- function(n1, n2, alt) function(x1, x2) {
  if (x1 + x2 == 0 || x1 + x2 == n1 + n2) return(1)
  suppressWarnings(prop.test(c(x1, x2), c(n1, n2), correct = FALSE, alternative = alt)$p.value)
}
k <- 0
for (d in list(c(8, 8, 0.2, 0.7), c(12, 10, 0.6, 0.2), c(15, 15, 0.3, 0.6), c(6, 14, 0.5, 0.9), c(20, 20, 0.4, 0.7))) {
  for (alt in c("two-sided", "greater", "less")) {
    k <- k + 1
    ralt <- switch(alt, "two-sided" = "two.sided", greater = "greater", less = "less")
    pf <- enum_power(d[1], d[2], d[3], d[4], 0.05, fisher_p(d[1], d[2], ralt))
    add(sprintf("exact-fisher-%d", k), sprintf("sum of dbinom over tables with fisher.test(alternative = '%s')$p.value <= 0.05: n1 = %d, n2 = %d, p1 = %g, p2 = %g",
      ralt, d[1], d[2], d[3], d[4]),
      list(solve = "power", method = "exact-fisher", p1 = d[3], p2 = d[4], n1 = d[1], n2 = d[2], alternative = alt), list(power = pf), 1e-9)
    pz <- enum_power(d[1], d[2], d[3], d[4], 0.05, prop_p(d[1], d[2], ralt))
    add(sprintf("exact-z-%d", k), sprintf("sum of dbinom over tables with prop.test(correct = FALSE, alternative = '%s')$p.value <= 0.05: n1 = %d, n2 = %d, p1 = %g, p2 = %g",
      ralt, d[1], d[2], d[3], d[4]),
      list(solve = "power", method = "exact-z", p1 = d[3], p2 = d[4], n1 = d[1], n2 = d[2], alternative = alt), list(power = pz), 1e-9)
  }
}

# --- the blog's table: one-sided pooled z at 50% power, next to 80% ----------------------------
# At 50% power the pooled power.prop.test n is the n at which the z of the true proportions
# just reaches the critical value, which is what the blog computed by counting n up.
for (d in seq(0.02, 0.10, by = 0.01)) for (a in c(0.05, 0.01)) for (pw in c(0.5, 0.8)) {
  r <- power.prop.test(p1 = 0.5, p2 = 0.5 + d, power = pw, sig.level = a, alternative = "one.sided", tol = TOL)
  add(sprintf("blog-%g-%g-%g", d, a, pw), sprintf("power.prop.test(p1 = 0.5, p2 = %g, power = %g, sig.level = %g, alternative = 'one.sided', tol = 1e-12)$n", 0.5 + d, pw, a),
    list(solve = "n", method = "pooled", p1 = 0.5, p2 = 0.5 + d, power = pw, alpha = a, alternative = "one-sided"), list(n1Exact = r$n), 1e-9)
}

# --- non-inferiority and equivalence (Wald, unpooled): Chow, Shao & Wang (2008), sections 4.2 ---
# Non-inferiority: n1 = (z_a + z_b)^2 (p1 q1 + p2 q2 / r) / (p2 - p1 + margin)^2.
# Equivalence (TOST): power = Phi((m - |d|)/se - z_a) + Phi((m + |d|)/se - z_a) - 1 (floored at 0).
k <- 0
for (p in list(c(0.8, 0.8), c(0.7, 0.68), c(0.3, 0.33), c(0.5, 0.45))) for (m in c(0.1, 0.05)) for (r in c(1, 2)) {
  k <- k + 1
  d <- p[2] - p[1]
  if (d + m <= 1e-9) next
  n <- (qnorm(0.05, lower.tail = FALSE) + qnorm(0.8))^2 * (p[1] * (1 - p[1]) + p[2] * (1 - p[2]) / r) / (d + m)^2
  add(sprintf("noninferiority-n-%d", k), sprintf("Chow-Shao-Wang non-inferiority n in R: p1 = %g, p2 = %g, margin = %g, r = %g, alpha = 0.05, power = 0.8", p[1], p[2], m, r),
    list(solve = "n", hypothesis = "non-inferiority", margin = m, p1 = p[1], p2 = p[2], ratio = r), list(n1Exact = n), 1e-9)
  for (n1 in c(150, 600)) {
    se <- sqrt(p[1] * (1 - p[1]) / n1 + p[2] * (1 - p[2]) / (r * n1))
    z <- qnorm(0.05, lower.tail = FALSE)
    pw <- max(0, pnorm((m - d) / se - z) + pnorm((m + d) / se - z) - 1)
    if (pw <= 0) next
    add(sprintf("equivalence-power-%d-%d", k, n1), sprintf("TOST power in R: p1 = %g, p2 = %g, margin = %g, n1 = %d, n2 = %g, alpha = 0.05", p[1], p[2], m, n1, r * n1),
      list(solve = "power", hypothesis = "equivalence", margin = m, p1 = p[1], p2 = p[2], n1 = n1, ratio = r), list(power = pw), 1e-10)
  }
}

cat("[\n", paste(rows, collapse = ",\n"), "\n]\n", sep = "")
