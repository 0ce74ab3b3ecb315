// npm run demo: ranks the published 2018 TURI candidates and a generated ego-Twitter-sized graph,
// writing CSVs into outDir (out/turi/).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { candidates2018, generateFollowerGraph, rankUnderrated, turiForGraph, turiSql } from '@ds/turi';

const csvValue = (v) => (v === undefined || v === null || Number.isNaN(v) ? '' : String(v));
const toCsv = (columns, rows) =>
  `${[columns.join(','), ...rows.map((r) => columns.map((c) => csvValue(r[c])).join(','))].join('\n')}\n`;

export default async function demo({ outDir }) {
  await mkdir(outDir, { recursive: true });
  const files = [];
  const write = async (name, text) => {
    const path = join(outDir, name);
    await writeFile(path, text);
    files.push(path);
  };

  // The 2018 run: every component, private accounts last with their reason.
  const accounts = candidates2018.map((c) => ({ ...c, id: c.row, protected: c.influence === undefined }));
  const columns = [
    'rank',
    'id',
    'turi',
    'influence',
    'growth',
    'followersCount',
    'followingCount',
    'tweetCount',
    'tweetCountUsed',
    'missing',
  ];
  const all = rankUnderrated(accounts);
  await write('turi-2018-ranking.csv', toCsv(columns, all));
  const top20 = rankUnderrated(accounts, { minTweets: 20, limit: 5 });
  await write('turi-2018-top5-min20-posts.csv', toCsv(columns, top20));
  const underThousand = rankUnderrated(accounts, { followers: { max: 1000 }, followBackAdjust: true, dropMissing: true });
  await write('turi-2018-follow-back-adjusted.csv', toCsv(columns, underThousand));

  // A generated graph the size of ego-Twitter, scored from typed arrays.
  const graph = generateFollowerGraph({ seed: 2018 });
  const started = performance.now();
  const scores = turiForGraph(graph, { minTweets: 20 });
  const ms = performance.now() - started;
  const inDegree = new Uint32Array(graph.nodeCount);
  for (const t of graph.to) inDegree[t]++;
  const order = Array.from(scores.keys())
    .filter((i) => !Number.isNaN(scores[i]))
    .sort((a, b) => scores[b] - scores[a])
    .slice(0, 100);
  await write(
    'generated-graph-top100.csv',
    toCsv(
      ['rank', 'node', 'turi', 'followersCount', 'tweetCount'],
      order.map((node, i) => ({
        rank: i + 1,
        node,
        turi: scores[node],
        followersCount: inDegree[node],
        tweetCount: graph.tweetCount[node],
      })),
    ),
  );
  await write('turi-bigquery.sql', `${turiSql({ dialect: 'bigquery', minTweets: 20 })}\n`);

  const scored = scores.filter((s) => !Number.isNaN(s)).length;
  return {
    files,
    summary:
      `2018 run: ${all.filter((r) => r.rank !== undefined).length} of ${all.length} accounts ranked ` +
      `(top with ≥ 20 posts: row ${top20[0].id}, TURI ${top20[0].turi.toFixed(2)}); ` +
      `generated graph: ${graph.nodeCount.toLocaleString('en')} nodes, ${graph.from.length.toLocaleString('en')} edges, ` +
      `${scored.toLocaleString('en')} scored in ${ms.toFixed(0)} ms`,
  };
}
