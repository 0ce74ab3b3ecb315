// @ds/testkit demo: what the assertions report, and the database and replay fixtures at work
// outside Vitest. Writes into outDir and returns the files and a summary.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allClose, assertAllClose, geometryEqual, pdfPageCount, pdfText, recordsEqual, seededRandom } from '@ds/testkit';
import { followerGraph, simplePolygon } from '@ds/testkit/arbitraries';
import { openDatabaseFile, startReplayServer } from '@ds/testkit/vitest';
import fc from 'fast-check';

export default async function demo({ outDir }) {
  const files = [];
  const write = async (name, text) => {
    const path = join(outDir, name);
    await writeFile(path, text);
    files.push(path);
  };

  // 1. allClose on 10^6 simulated draws, and the report assertAllClose gives when they differ.
  const random = seededRandom(2026);
  const n = 1_000_000;
  const expected = new Float64Array(n);
  const actual = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    expected[i] = random.normal();
    actual[i] = expected[i] + (i % 250_000 === 7 ? 1e-3 : 1e-12);
  }
  const close = allClose(actual, expected, { atol: 1e-9 });
  // Timed on the case that reads every element: all within the tolerance.
  let started = performance.now();
  const closeEnough = allClose(actual, expected, { atol: 2e-3 });
  const allCloseMs = performance.now() - started;
  let report = '';
  try {
    assertAllClose(actual, expected, { atol: 1e-9 });
  } catch (e) {
    report = e.message;
  }
  await write(
    'allclose-report.txt',
    `allClose(actual, expected, { atol: 1e-9 }) = ${close} (${allCloseMs.toFixed(1)} ms for ${n} doubles)\n\n${report}\n`,
  );

  // 2. A table diff, as pandas' assert_frame_equal would flag it.
  const rows = recordsEqual(
    [
      { arm: 'control', n: 9806, rate: 0.5 },
      { arm: 'signage', n: 9806, rate: 0.5196 },
    ],
    [
      { arm: 'control', n: 9806, rate: 0.5 },
      { arm: 'signage', n: 9806, rate: 0.52 },
    ],
  );
  await write('records-diff.txt', `${rows.message}\n`);

  // 3. Property-test samples: polygons that geometryEqual recognises rotated and reversed.
  const polygons = fc.sample(simplePolygon({ bbox: [2, 48, 3, 49], maxVertices: 8 }), { numRuns: 5, seed: 1 });
  const rotatedMatches = polygons.every((p) => {
    const ring = p.coordinates[0].slice(0, -1);
    const turned = [...ring.slice(2), ...ring.slice(0, 2)].reverse();
    return geometryEqual({ type: 'Polygon', coordinates: [[...turned, turned[0]]] }, p).equal;
  });
  const graphs = fc.sample(followerGraph({ maxNodes: 6 }), { numRuns: 3, seed: 1 }).map((g) => ({
    nodeCount: g.nodeCount,
    edges: Array.from(g.from, (a, i) => [a, g.to[i]]),
    tweetCount: Array.from(g.tweetCount),
  }));
  await write('arbitraries.json', `${JSON.stringify({ polygons, graphs }, null, 1)}\n`);

  // 4. The database fixture's work by hand: a PGlite copy of the template, a rolled-back write.
  started = performance.now();
  const db = await openDatabaseFile({
    url: undefined,
    schema: 'create table names (id serial primary key, name text not null unique)',
    seed: { names: [{ name: 'Mark' }] },
  });
  const openMs = performance.now() - started;
  await db.exec('BEGIN');
  await db.query('insert into names (name) values ($1)', ['Ada']);
  const during = (await db.query('select name from names order by name')).rows.map((r) => r.name);
  started = performance.now();
  await db.exec('ROLLBACK');
  const rollbackMs = performance.now() - started;
  const after = (await db.query('select name from names order by name')).rows.map((r) => r.name);
  await db.close();

  // 5. A replay server simulating a rate limit, and a PDF read back.
  const api = await startReplayServer({
    exchanges: [{ request: { path: '/v1/users/mark' }, response: { body: { name: 'Mark' } } }],
  });
  api.fail('/v1/users/mark', { status: 429, retryAfter: 1 });
  const statuses = [];
  for (let i = 0; i < 2; i++) statuses.push((await fetch(`${api.url}/v1/users/mark`)).status);
  await api.close();
  const pdf = new TextEncoder().encode(
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
      '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>\nendobj\n' +
      '4 0 obj\n<< /Length 38 >>\nstream\nBT /F1 12 Tf 20 50 Td (Hello Mark) Tj ET\nendstream\nendobj\n' +
      '5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  );
  await write('hello.pdf', pdf);
  const text = await pdfText(pdf);
  const pages = await pdfPageCount(pdf);

  const summary = {
    allClose: { n, close, closeEnough, ms: Math.round(allCloseMs * 10) / 10 },
    recordsEqual: rows.equal,
    rotatedPolygonsMatch: rotatedMatches,
    database: { kind: db.kind, openMs: Math.round(openMs), rollbackMs: Math.round(rollbackMs * 100) / 100, during, after },
    replayServer: statuses,
    pdf: { text, pages },
  };
  await write('summary.json', `${JSON.stringify(summary, null, 1)}\n`);
  return {
    files,
    summary: [
      `allClose on ${n} doubles, 4 off by 1e-3: ${close} with atol 1e-9 (report in allclose-report.txt), ${closeEnough} with atol 2e-3 (${summary.allClose.ms} ms)`,
      `recordsEqual: ${rows.message}`,
      `geometryEqual recognises 5 random simple polygons rotated and reversed: ${rotatedMatches}`,
      `database (${db.kind}): opened in ${summary.database.openMs} ms; during the test ${during.join(', ')}, after rollback (${summary.database.rollbackMs} ms) ${after.join(', ')}`,
      `replayServer: ${statuses.join(' then ')}`,
      `pdfText: ${JSON.stringify(text)} on ${pages} page`,
    ].join('\n'),
  };
}
