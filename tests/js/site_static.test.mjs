// The site's static pieces that need no browser: the language choice, and
// the deployment headers (dist/_headers, dist/.htaccess, docs/deploy/nginx.conf)
// agreeing with the page and with what dist/ holds.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { preferredLanguage } from '../../web/ui/i18n.js';
import { distDir, repoRoot } from '../helpers/paths.mjs';

describe('language', () => {
  test('Chinese by default, English when the browser prefers it, a stored choice wins', () => {
    expect(preferredLanguage([], null)).toBe('zh');
    expect(preferredLanguage(['fr-FR', 'de'], null)).toBe('zh');
    expect(preferredLanguage(['zh-CN', 'en'], null)).toBe('zh');
    expect(preferredLanguage(['zh-TW'], null)).toBe('zh');
    expect(preferredLanguage(['en-US', 'zh-CN'], null)).toBe('en');
    expect(preferredLanguage(['fr', 'en-GB'], null)).toBe('en');
    expect(preferredLanguage(['en-US'], 'zh')).toBe('zh');
    expect(preferredLanguage(['zh-CN'], 'en')).toBe('en');
    expect(preferredLanguage(['zh-CN'], 'xx')).toBe('zh');
  });
});

// "_headers": a path line, then indented "Name: value" lines.
function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (line.startsWith('/')) rules.push({ pattern: line.trim(), headers: {} });
    else {
      const [name, ...rest] = line.trim().split(':');
      rules.at(-1).headers[name.toLowerCase()] = rest.join(':').trim();
    }
  }
  return rules;
}

function matches(pattern, path) {
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(path);
}

// Netlify and Cloudflare join the values of a header set by several rules:
// for one header and one path, exactly one rule may apply.
function headerFor(rules, path, name) {
  const values = rules.filter((r) => matches(r.pattern, path) && r.headers[name] !== undefined).map((r) => r.headers[name]);
  expect([path, name, values.length <= 1]).toEqual([path, name, true]);
  return values[0];
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('deployment headers', () => {
  const rules = parseHeaders(readFileSync(join(distDir, '_headers'), 'utf8'));
  const site = filesUnder(distDir).map((f) => `/${relative(distDir, f)}`).filter((p) => !p.startsWith('/demo/'));

  test('wasm and JS modules get their MIME types; every file one cache rule', () => {
    for (const path of site) {
      if (path === '/_headers' || path === '/.htaccess' || path === '/lists/_headers') continue;
      if (path.endsWith('.wasm')) expect([path, headerFor(rules, path, 'content-type')]).toEqual([path, 'application/wasm']);
      if (path.endsWith('.mjs')) {
        expect([path, headerFor(rules, path, 'content-type')]).toEqual([path, 'text/javascript; charset=utf-8']);
      }
      expect([path, headerFor(rules, path, 'cache-control') !== undefined]).toEqual([path, true]);
    }
  });

  test('only content-named files are cached for good', () => {
    const immutable = site.filter((p) => /immutable/.test(headerFor(rules, p, 'cache-control') ?? ''));
    expect(immutable.length).toBeGreaterThan(0);
    for (const p of immutable) expect(p).toMatch(/^\/(vendor\/pdfjs-\d+\.\d+\.\d+\/|lists\/revocations\/shards\/[0-9a-f]{64}\.bin$)/);
    for (const p of ['/index.html', '/sw.js', '/engine/sealcheck_engine.wasm', '/lists/revocations/manifest.json']) {
      expect([p, headerFor(rules, p, 'cache-control')]).toEqual([p, 'no-cache']);
    }
  });

  test('the CSP is the page\'s own, in every server example', () => {
    const html = readFileSync(join(distDir, 'index.html'), 'utf8');
    const meta = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)[1];
    const header = headerFor(rules, '/index.html', 'content-security-policy');
    expect(header).toBe(`${meta}; frame-ancestors 'none'`);
    expect(readFileSync(join(distDir, '.htaccess'), 'utf8')).toContain(header);
    expect(readFileSync(join(repoRoot, 'docs', 'deploy', 'nginx.conf'), 'utf8')).toContain(header);
  });
});
