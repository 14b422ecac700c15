/**
 * T4's patients in Chromium: the widget's ClinicChatClient (page-patient.ts), bundled with
 * the script tag's own plugins (widget/rollup.bundles.mjs: the Socket.IO shims the chat
 * ships with), on a clinic's page served from loopback, one page per patient in one
 * browser. A real server, not Playwright's routing: Chromium's local network access checks
 * refuse a page of unknown address a connection to loopback.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { rollup } from 'rollup';
import { chromiumLaunchOptions } from '../e2e/support/chromium-launch.ts';
import type { PagePatientOptions, runPatient } from './page-patient.ts';
import { common, plugins } from '../widget/rollup.bundles.mjs';

/** The global the bundle sets on the page. */
const GLOBAL = 'chaosPatient';
const PAGE_PATH = '/chaos-t4/';

export type BrowserRun = Awaited<ReturnType<typeof runPatient>>;

export interface BrowserPatients {
  /** Queues `count` messages at once on a new page, and waits until the client shows all of them stored. */
  run(label: string, count: number): Promise<BrowserRun>;
  close(): Promise<void>;
}

async function pageBundle(): Promise<string> {
  const build = await rollup({ ...common, input: new URL('./page-patient.ts', import.meta.url).pathname, plugins: plugins([], { minify: false }) });
  try {
    const { output } = await build.generate({ format: 'iife', name: GLOBAL });
    return output[0].code;
  } finally {
    await build.close();
  }
}

/** The clinic's page: one script, the bundle. */
async function servePage(script: string): Promise<{ origin: string; close(): void }> {
  const server = createServer((request, response) => {
    const isScript = request.url === `${PAGE_PATH}patient.js`;
    response.setHeader('content-type', isScript ? 'text/javascript' : 'text/html');
    response.end(isScript ? script : `<!doctype html><script src="${PAGE_PATH}patient.js"></script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * `allowOrigin` makes the page's origin one the clinic of `siteKey` accepts, before any
 * patient connects; `relay`: where the clients connect (the proxy).
 */
export async function startBrowserPatients(options: {
  relay: string;
  siteKey: string;
  deadlineMs: number;
  allowOrigin(origin: string): Promise<void>;
}): Promise<BrowserPatients> {
  const page = await servePage(await pageBundle());
  let browser;
  try {
    await options.allowOrigin(page.origin);
    browser = await chromium.launch(chromiumLaunchOptions);
  } catch (error) {
    page.close();
    throw error;
  }
  const context = await browser.newContext();
  return {
    async run(label, count) {
      const tab = await context.newPage();
      try {
        await tab.goto(`${page.origin}${PAGE_PATH}`);
        const patient: PagePatientOptions = { relay: options.relay, siteKey: options.siteKey, label, count, deadlineMs: options.deadlineMs };
        return await tab.evaluate(
          ([global, patient]) => (window as unknown as Record<string, { runPatient: typeof runPatient }>)[global]!.runPatient(patient),
          [GLOBAL, patient] as const,
        );
      } finally {
        await tab.close();
      }
    },
    async close() {
      await browser.close();
      page.close();
    },
  };
}
