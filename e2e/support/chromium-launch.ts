/**
 * How our Chromium is launched, for Playwright's tests (playwright.config.ts) and the chaos
 * suite's browser patients: Debian's Chromium, since Playwright's own browser download
 * cannot work on our machines.
 */
import type { LaunchOptions } from '@playwright/test';

export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
