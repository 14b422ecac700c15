import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';

const dist = (file: string) => fileURLToPath(new URL(`../dist/console/${file}`, import.meta.url));

/** The console loads once per working day; this keeps it quick on a clinic's slow line. */
const GZIP_BUDGET_BYTES = 48 * 1024;

test.describe('the console bundle', () => {
  test('stays within its size budget and carries no schemas or Node transports', () => {
    const code = readFileSync(dist('console.js'));
    expect(gzipSync(code).length).toBeLessThan(GZIP_BUDGET_BYTES);
    const text = code.toString('utf8');
    expect(text).not.toContain('TypeBox.Kind');
    // engine.io-client's Node build (ws, cookie jar) sets this binary type; the browser build does not.
    expect(text).not.toContain('nodebuffer');
    expect(text).toContain('sourceMappingURL=console.js.map');
  });

  test('index.html loads the bundle from /console/', () => {
    const page = readFileSync(dist('index.html'), 'utf8');
    expect(page).toContain('<script type="module" src="/console/console.js"></script>');
    expect(page).toContain('<cc-console-app>');
  });
});
