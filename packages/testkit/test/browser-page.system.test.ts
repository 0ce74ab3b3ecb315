import { type BrowserPageFixtures, browserPageFixture, type ReplayServerFixtures, replayServerFixture } from '@ds/testkit/vitest';
import { test as base, describe, expect } from 'vitest';

// Needs Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH): a system test.
const page = (body: string) => ({ request: { path: '/' }, response: { headers: { 'content-type': 'text/html' }, body } });

const test = base.extend<BrowserPageFixtures & ReplayServerFixtures>({
  ...browserPageFixture(),
  ...replayServerFixture({
    exchanges: [
      { ...page('<h1>Names</h1><ul><li>Mark</li></ul>') },
      {
        request: { path: '/throws' },
        response: { headers: { 'content-type': 'text/html' }, body: '<script>throw new Error("boom")</script>' },
      },
      {
        request: { path: '/remote' },
        response: { headers: { 'content-type': 'text/html' }, body: '<img src="https://example.com/x.png">' },
      },
    ],
  }),
});

describe('browserPage', () => {
  test('loads a local page in headless Chromium', async ({ browserPage, replayServer }) => {
    await browserPage.goto(replayServer.url);
    expect(await browserPage.textContent('li')).toBe('Mark');
  });

  // Expected to fail: an uncaught error in the page fails the test.
  test.fails('fails the test on a page error', async ({ browserPage, replayServer }) => {
    await browserPage.goto(`${replayServer.url}/throws`);
    await browserPage.waitForTimeout(100);
  });

  // Expected to fail: a request leaving 127.0.0.1 is blocked and fails the test.
  test.fails('fails the test on a request to the network', async ({ browserPage, replayServer }) => {
    await browserPage.goto(`${replayServer.url}/remote`);
    await browserPage.waitForLoadState('load');
  });

  test('starts each test clean after a failing one', async ({ browserPage, replayServer }) => {
    await browserPage.goto(replayServer.url);
    expect(await browserPage.textContent('h1')).toBe('Names');
  });
});
