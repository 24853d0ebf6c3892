// Headless Debian Chromium through playwright-core (no browser download),
// with the flags a closed-network machine needs, and a request log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.SEALCHECK_CHROMIUM ?? '/usr/bin/chromium';

export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'sealcheck-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ...options,
  });
  // Every request any page, worker or service worker of this context makes.
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), postData: r.postDataBuffer() }));
  return {
    context,
    requests,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
