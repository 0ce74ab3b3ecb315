# Reference vectors for cohensH, from R's pwr::ES.h.
# Regenerate: Rscript test/reference/es-h.R > test/reference/es-h.json
# Needs Debian's r-base-core and r-cran-pwr.
suppressMessages(library(pwr))
grid <- list(c(0.52, 0.5), c(0.1, 0.2), c(0.65, 0.45), c(0, 1), c(0.999, 0.001), c(0.5, 0.5))
rows <- vapply(seq_along(grid), function(i) {
  p <- grid[[i]]
  sprintf('{"id":"es-h-%d","source":"R %s, pwr %s: ES.h(%s, %s)","inputs":{"p1":%s,"p2":%s},"expected":{"h":%s}}',
    i, getRversion(), packageVersion("pwr"), p[1], p[2], p[1], p[2], sprintf("%.17g", ES.h(p[1], p[2])))
}, "")
cat("[\n", paste(rows, collapse = ",\n"), "\n]\n", sep = "")
