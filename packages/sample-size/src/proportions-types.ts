// The vocabulary of the two-proportions family, in a module of its own so that the solver
// (two-proportions.ts) and the power functions (proportion-power.ts) both import it without
// importing each other.

/** How power is computed; see the guide's conventions table for which tool uses which. */
export type ProportionsMethod = 'pooled' | 'unpooled' | 'arcsine' | 'fleiss-cc' | 'evan-miller' | 'exact-fisher' | 'exact-z';
/** 'one-sided' tests in the direction of the assumed effect; 'greater' means p1 > p2, 'less' p1 < p2. */
export type Alternative = 'two-sided' | 'one-sided' | 'greater' | 'less';
/** What the test sets out to show; non-inferiority and equivalence need a `margin`. */
export type Hypothesis = 'superiority' | 'non-inferiority' | 'equivalence';
