// @ds/turi: the Twitter Underrated Index. Pure functions; sources and crawl live behind subpaths.

// Data: the published 2018 run
export { type Candidate2018, candidates2018 } from './data/candidates-2018.js';
// Errors
export { TuriError, type TuriErrorCode } from './errors.js';
export { type GeneratedGraph, type GenerateGraphOptions, generateFollowerGraph } from './generate.js';
// Graph scale: typed arrays, incremental updates, edge lists, a generated graph
export { type NumberArray, type TuriGraphInput, type TuriGraphOptions, turiForGraph } from './graph.js';
export { createTuriGraph, type TuriGraph } from './incremental.js';
// The index for one account
export { type InfluenceMethod, type InfluenceOptions, influenceOfFollowers } from './influence.js';
export { type EdgeList, type ParseEdgeListOptions, parseEdgeList } from './parse.js';
// Ranking
export { type CountRange, type RankAccount, type RankedRow, type RankOptions, rankUnderrated } from './rank.js';
// SQL for warehouses
export { type SqlDialect, type TuriSqlOptions, turiSql } from './sql.js';
export {
  type TuriAccount,
  type TuriMissingReason,
  type TuriOptions,
  type TuriResult,
  type TuriShrinkage,
  turi,
} from './turi.js';
