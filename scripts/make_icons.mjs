#!/usr/bin/env node
// Draws the web app's PNG icons from web/favicon.svg with headless Chromium
// (the browser the tests use), into web/icons/: 192 and 512 pixels, and a
// maskable 512 whose seal stays inside the 80% safe zone on a filled
// square. Run by hand when the SVG changes; the PNGs are committed.
//   node scripts/make_icons.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../tests/helpers/browser.mjs';
import { repoRoot } from './lib/node_engine.mjs';

const svg = readFileSync(join(repoRoot, 'web', 'favicon.svg'), 'utf8');
const uri = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const browser = await launch();
const page = await browser.context.newPage();
for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true]]) {
  await page.setViewportSize({ width: size, height: size });
  const inner = maskable ? Math.round(size * 0.7) : size;
  await page.setContent(`<html><body style="margin:0;width:${size}px;height:${size}px;display:flex;align-items:center;
    justify-content:center;background:${maskable ? '#ffffff' : 'transparent'}"><img src="${uri}" width="${inner}"
    height="${inner}"></body></html>`);
  writeFileSync(join(repoRoot, 'web', 'icons', name), await page.screenshot({ omitBackground: !maskable }));
  console.log(`web/icons/${name}`);
}
await browser.close();
