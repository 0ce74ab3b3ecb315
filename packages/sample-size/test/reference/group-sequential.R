# Reference vectors for group-sequential designs, from rpact (Debian r-cran-rpact).
# Run: cd packages/sample-size/test/reference && /usr/bin/Rscript group-sequential.R
# or, in parallel on a busy machine: Rscript group-sequential.R <seed> <count> for a few seeds
# (each appends its vectors to group-sequential-part-<seed>.jsonl as they are made), then
# Rscript group-sequential.R merge, which writes the JSON from the parts in seed order. The
# committed group-sequential-rpact.json: seeds 11 to 16, 57 designs each, then merge (342).
# Writes group-sequential-rpact.json: one vector per design, drawn at random (set.seed below) over
# every boundary family, 2 to 10 looks (in this file ten-look designs were all skipped by an exact
# comparison of 0.1 increments, see below; the ten-look file covers them), one- and two-sided, equal and unequal information rates,
# and futility (beta spending binding or not, or given bounds), with the design's characteristics
# (getDesignCharacteristics), its stopping probabilities under H0 (getPowerAndAverageSampleNumber)
# and the sample size for two proportions (getSampleSizeRates) or two means (getSampleSizeMeans,
# normal approximation).
#
# Tolerance: rpact integrates on a 91-point Newton-Cotes grid (49 per side when two-sided), so
# its probabilities are good to about 1e-7 absolute: vectors carry rtol 2e-6 on z bounds, the
# inflation factor and sample sizes, and rtol 5e-6 with atol 2e-7 on probabilities (1e-5 and 5e-7
# for beta-spending designs, whose nested searches stop at rpact's default tolerance).
suppressMessages(library(rpact))
# The probabilities' tolerance (see the header), written into each vector.
loosen <- function(lines) {
  beta <- grepl('"id":"gs-[0-9]+-[A-Za-z]+-k[0-9]+-one-beta', lines)
  for (f in c("alphaSpent", "rejectionProbabilities", "cumulativePower", "futilityProbabilities", "earlyStopH0")) {
    from <- sprintf('"%s":\\{"rtol":2e-6,"atol":2e-8\\}', f)
    lines[beta] <- sub(from, sprintf('"%s":{"rtol":1e-5,"atol":5e-7}', f), lines[beta])
    lines[!beta] <- sub(from, sprintf('"%s":{"rtol":5e-6,"atol":2e-7}', f), lines[!beta])
  }
  lines
}
cli <- commandArgs(trailingOnly = TRUE)
if (length(cli) == 1 && cli[1] == "merge") {
  parts <- sort(Sys.glob("group-sequential-part-*.jsonl"))
  lines <- unlist(lapply(parts, readLines))
  lines <- lines[nzchar(lines)]
  lines <- vapply(seq_along(lines), function(i) sub('"id":"gs-[0-9]+-', sprintf('"id":"gs-%03d-', i), lines[i]), "")
  lines <- loosen(lines)
  writeLines(c("[", paste(lines, collapse = ",\n"), "]"), "group-sequential-rpact.json")
  cat(length(lines), "designs from", length(parts), "parts\n")
  quit(save = "no")
}
# Ten looks: Rscript group-sequential.R ten <seed> <count> writes group-sequential-rpact-10.json,
# designs with ten looks only (equal or unequal information), drawn as below. The committed file:
# seed 10, 36 designs.
ten <- length(cli) >= 1 && cli[1] == "ten"
if (ten) cli <- cli[-1]
seed <- if (length(cli) >= 1) as.integer(cli[1]) else 20261207L
partFile <- if (length(cli) >= 1 && !ten) sprintf("group-sequential-part-%s.jsonl", cli[1]) else NULL
set.seed(seed)

num <- function(x) {
  if (length(x) == 0) return("[]")
  if (length(x) == 1 && is.null(dim(x))) return(formatC(x, digits = 17, format = "g"))
  paste0("[", paste(formatC(as.numeric(x), digits = 17, format = "g"), collapse = ","), "]")
}
arr <- function(x) paste0("[", paste(formatC(as.numeric(x), digits = 17, format = "g"), collapse = ","), "]")
str <- function(x) paste0('"', x, '"')
obj <- function(...) {
  a <- list(...)
  a <- a[!vapply(a, is.null, logical(1))]
  paste0("{", paste(sprintf('"%s":%s', names(a), unlist(a)), collapse = ","), "}")
}

ours <- c(OF = "obrien-fleming", P = "pocock", WT = "wang-tsiatis", asOF = "lan-demets-obrien-fleming",
  asP = "lan-demets-pocock", asKD = "kim-demets", asHSD = "hwang-shih-decani")
betaOurs <- c(bsOF = "lan-demets-obrien-fleming", bsP = "lan-demets-pocock", bsKD = "kim-demets", bsHSD = "hwang-shih-decani")

vectors <- character(0)
target <- if (length(cli) >= 2) as.integer(cli[2]) else 330
attempt <- 0
while (length(vectors) < target) {
  attempt <- attempt + 1
  type <- sample(names(ours), 1)
  kMax <- if (ten) 10L else sample(2:10, 1)
  sided <- sample(1:2, 1, prob = c(0.6, 0.4))
  alpha <- if (sided == 1) sample(c(0.01, 0.025, 0.05), 1) else sample(c(0.02, 0.05, 0.1), 1)
  beta <- sample(c(0.1, 0.15, 0.2), 1)
  unequal <- runif(1) < 0.4
  rates <- if (unequal) c(sort(round(runif(kMax - 1, 0.1, 0.95), 3)), 1) else (1:kMax) / kMax
  # rpact integrates on a fixed 91-point grid (spacing about 0.11 on the z scale); when an
  # increment is short the kernel, of width sqrt(increment / t), is narrower than that and rpact's
  # bounds move by 1e-5 while ours stay put from r = 16 to r = 48 (checked on 0.044 and 0.031
  # increments). Increments of at least 0.1 keep the width above 0.3, as ten equal looks have.
  # (Compared with a margin: ten equal looks have increments of 0.1 give or take an ulp, which
  # the first version of this script compared exactly and so skipped every ten-look design.)
  if (any(diff(c(0, rates)) < 0.1 - 1e-9)) next
  gammaA <- if (type == "asKD") round(runif(1, 0.5, 4), 2) else if (type == "asHSD") round(runif(1, -8, 3), 2) else NULL
  deltaWT <- if (type == "WT") round(runif(1, 0, 0.5), 3) else NULL
  futility <- "none"
  if (sided == 1 && startsWith(type, "as") && runif(1) < 0.5) futility <- "beta"
  else if (sided == 1 && runif(1) < 0.25) futility <- "bounds"
  binding <- runif(1) < 0.5

  args <- list(kMax = kMax, alpha = alpha, beta = beta, sided = sided, informationRates = rates, typeOfDesign = type)
  if (!is.null(gammaA)) args$gammaA <- gammaA
  if (!is.null(deltaWT)) args$deltaWT <- deltaWT
  typeB <- NULL
  gammaB <- NULL
  bounds <- NULL
  if (futility == "beta") {
    typeB <- sample(names(betaOurs), 1)
    args$typeBetaSpending <- typeB
    if (typeB == "bsKD") gammaB <- round(runif(1, 0.5, 4), 2)
    if (typeB == "bsHSD") gammaB <- round(runif(1, -8, 3), 2)
    if (!is.null(gammaB)) args$gammaB <- gammaB
    args$bindingFutility <- binding
  } else if (futility == "bounds") {
    bounds <- round(sort(runif(kMax - 1, -1, 0.8)), 3)
    args$futilityBounds <- bounds
    args$bindingFutility <- binding
  }
  d <- tryCatch(suppressWarnings(do.call(getDesignGroupSequential, args)), error = function(e) NULL)
  if (is.null(d)) next
  # rpact's searches stop when a look's alpha is within its tolerance, 1e-8, so a look that spends
  # less than 1e-7 has a bound rpact leaves undetermined in the third digit (9e-11 of alpha at
  # z = 6.48 moved it by 1e-3). Such designs are skipped; a smaller tolerance makes rpact's nested
  # bisections run to their iteration caps on every design (hours for 330 designs).
  if (any(diff(c(0, d$alphaSpent)) < 1e-7)) next
  ch <- tryCatch(getDesignCharacteristics(d), error = function(e) NULL)
  if (is.null(ch)) next
  p0 <- tryCatch(getPowerAndAverageSampleNumber(d, theta = 0, nMax = 100), error = function(e) NULL)
  if (is.null(p0)) next
  if (any(d$criticalValues >= 8)) next # rpact caps at 8; those looks carry no information

  inputs <- list(looks = num(kMax), informationRates = arr(rates), alpha = num(alpha), power = num(1 - beta),
    alternative = str(if (sided == 1) "one-sided" else "two-sided"), design = str(ours[[type]]))
  if (!is.null(gammaA)) inputs$gamma <- num(gammaA)
  if (!is.null(deltaWT)) inputs$deltaWT <- num(deltaWT)
  if (futility == "beta") {
    inputs$futility <- obj(betaSpending = str(betaOurs[[typeB]]), gamma = if (is.null(gammaB)) NULL else num(gammaB),
      binding = if (binding) "true" else "false")
  } else if (futility == "bounds") {
    inputs$futility <- obj(bounds = arr(bounds), binding = if (binding) "true" else "false")
  }

  expected <- list(criticalValues = arr(d$criticalValues), alphaSpent = arr(d$alphaSpent),
    shift = num(ch$shift), inflationFactor = num(ch$inflationFactor),
    rejectionProbabilities = arr(ch$rejectionProbabilities), cumulativePower = arr(cumsum(ch$rejectionProbabilities)),
    asnH0 = num(ch$averageSampleNumber0), asnH01 = num(ch$averageSampleNumber01), asnH1 = num(ch$averageSampleNumber1),
    earlyStopH0 = arr(p0$earlyStop[seq_len(kMax - 1), 1]))
  if (futility != "none") {
    expected$futilityBounds <- arr(d$futilityBounds)
    expected$futilityProbabilities <- arr(ch$futilityProbabilities)
  }
  call <- paste0("getDesignGroupSequential(", paste(sprintf("%s = %s", names(args), vapply(args, function(v) {
    if (is.character(v)) paste0('\\"', v, '\\"') else if (length(v) > 1) paste0("c(", paste(v, collapse = ", "), ")") else as.character(v)
  }, "")), collapse = ", "), ")")

  # A sample size for every design: two proportions or two means, with an allocation ratio.
  ratio <- sample(c(1, 1, 2, 0.5, 3), 1)
  if (runif(1) < 0.6) {
    p1 <- round(runif(1, 0.05, 0.6), 3)
    p2 <- round(p1 + sample(c(-1, 1), 1) * runif(1, 0.03, 0.2), 3)
    if (p2 <= 0.01 || p2 >= 0.99) next
    s <- getSampleSizeRates(d, pi1 = p2, pi2 = p1, allocationRatioPlanned = ratio)
    ssInputs <- obj(p1 = num(p1), p2 = num(p2), ratio = num(ratio))
    ssCall <- sprintf("getSampleSizeRates(design, pi1 = %s, pi2 = %s, allocationRatioPlanned = %s)", p2, p1, ratio)
  } else {
    delta <- round(runif(1, 0.1, 0.8), 3)
    s <- getSampleSizeMeans(d, alternative = delta, stDev = 1, normalApproximation = TRUE, allocationRatioPlanned = ratio)
    ssInputs <- obj(d = num(delta), ratio = num(ratio))
    ssCall <- sprintf("getSampleSizeMeans(design, alternative = %s, stDev = 1, normalApproximation = TRUE, allocationRatioPlanned = %s)", delta, ratio)
  }
  expected$totalMaxExact <- num(s$maxNumberOfSubjects)
  expected$totalPerLook <- arr(s$numberOfSubjects[, 1])
  expected$expectedTotalH0 <- num(s$expectedNumberOfSubjectsH0)
  expected$expectedTotalH1 <- num(s$expectedNumberOfSubjectsH1)
  expected$totalFixed <- num(s$nFixed)

  id <- sprintf("%s-%03d-%s-k%d-%s%s", if (ten) "gs10" else "gs", length(vectors) + 1, type, kMax, if (sided == 1) "one" else "two",
    if (futility == "none") "" else paste0("-", futility, if (binding) "-binding" else ""))
  tol <- '{"criticalValues":{"rtol":2e-6,"atol":0},"futilityBounds":{"rtol":2e-6,"atol":2e-6},"alphaSpent":{"rtol":2e-6,"atol":2e-8},"shift":{"rtol":2e-6,"atol":0},"inflationFactor":{"rtol":2e-6,"atol":0},"rejectionProbabilities":{"rtol":2e-6,"atol":2e-8},"cumulativePower":{"rtol":2e-6,"atol":2e-8},"futilityProbabilities":{"rtol":2e-6,"atol":2e-8},"earlyStopH0":{"rtol":2e-6,"atol":2e-8},"asnH0":{"rtol":2e-6,"atol":0},"asnH01":{"rtol":2e-6,"atol":0},"asnH1":{"rtol":2e-6,"atol":0},"totalMaxExact":{"rtol":2e-6,"atol":0},"totalPerLook":{"rtol":2e-6,"atol":0},"expectedTotalH0":{"rtol":2e-6,"atol":0},"expectedTotalH1":{"rtol":2e-6,"atol":0},"totalFixed":{"rtol":1e-9,"atol":0}}'
  vectors <- c(vectors, sprintf('{"id":"%s","source":"rpact %s: %s; getDesignCharacteristics; getPowerAndAverageSampleNumber(theta = 0); %s","inputs":{"design":%s,"sampleSize":%s},"expected":%s,"tolerance":%s}',
    id, as.character(packageVersion("rpact")), call, ssCall,
    paste0("{", paste(sprintf('"%s":%s', names(inputs), unlist(inputs)), collapse = ","), "}"),
    ssInputs,
    paste0("{", paste(sprintf('"%s":%s', names(expected), unlist(expected)), collapse = ","), "}"), tol))
  if (!is.null(partFile)) cat(vectors[length(vectors)], "\n", file = partFile, append = TRUE, sep = "")
}
if (!is.null(partFile)) quit(save = "no")
out <- if (ten) "group-sequential-rpact-10.json" else "group-sequential-rpact.json"
writeLines(c("[", paste(loosen(vectors), collapse = ",\n"), "]"), out)
cat(length(vectors), "designs from", attempt, "draws\n")
