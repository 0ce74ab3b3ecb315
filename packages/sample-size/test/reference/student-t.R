# Reference vectors for the Student-t upper quantile (R's qt) over the whole df range.
# Run: /usr/bin/Rscript student-t.R  (writes student-t-r.json beside this script)
# Inputs are drawn at random (set.seed below) so nobody chose them: df log-uniform in
# [0.5, 1e12] plus fixed decades, upper-tail p log-uniform in [1e-12, 0.5].
set.seed(20261207)
fmt <- function(x) formatC(x, digits = 17, format = "g")
n <- 400
df <- c(10^runif(n - 24, log10(0.5), 12), 10^(0:11), 3e7, 4e5, 399999, 400001, 1e5, 2e6, 1, 2, 3, 5, 7.5, 30)
p <- 10^runif(n, -12, log10(0.5))
lines <- character(n)
for (i in seq_len(n)) {
  q <- qt(p[i], df[i], lower.tail = FALSE)
  # For df < 1 R's qt is a bisection that stops near 1e-11 in p (pt(q) differs from p by up to
  # 6e-6 relative at p = 2e-12), so three Newton steps on R's own pt and dt polish it; where qt
  # is already exact they change nothing.
  for (k in 1:3) q <- q + (pt(q, df[i], lower.tail = FALSE) - p[i]) / dt(q, df[i])
  lines[i] <- sprintf('{"id":"qt-%d","source":"R %s: qt(%s, %s, lower.tail = FALSE), polished by Newton on pt","inputs":{"p":%s,"df":%s},"expected":{"t":%s},"tolerance":{"rtol":1e-12,"atol":0}}',
    i, paste(R.version$major, R.version$minor, sep = "."), fmt(p[i]), fmt(df[i]), fmt(p[i]), fmt(df[i]), fmt(q))
}
writeLines(c("[", paste(lines, collapse = ",\n"), "]"), "student-t-r.json")
