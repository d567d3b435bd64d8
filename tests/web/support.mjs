// Shared helpers of the browser tests (tests/web/*.test.mjs): the browser (Debian's
// /usr/bin/chromium driven by playwright-core, never a downloaded one), the demo logins that
// `jixiao serve` prints on first start, and screenshots on demand (JX_SCREENSHOTS=1).
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.JX_CHROMIUM || '/usr/bin/chromium';

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

// A new context (its own cookies) and page. Every dialog (beforeunload, confirm) is accepted and
// recorded in page.dialogs; page errors and console errors are recorded in page.problems.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    ...options,
  });
  if (process.env.JX_ASSETS_FROM_DISK === '1') {
    // Development: web/app.js and web/app.css as they are on disk, not as compiled into the
    // binary, so an edit is tried without relinking (the server's headers are kept).
    await context.route(/\/static\/app\.(js|css)(\?.*)?$/, async (route) => {
      const response = await route.fetch();
      const file = new URL(route.request().url()).pathname.endsWith('.js') ? 'app.js' : 'app.css';
      await route.fulfill({ response, body: readFileSync(join(ROOT, 'web', file), 'utf8') });
    });
  }
  const page = await context.newPage();
  page.dialogs = [];
  page.problems = [];
  page.on('dialog', async (dialog) => {
    page.dialogs.push({ type: dialog.type(), message: dialog.message() });
    await dialog.accept();
  });
  page.on('pageerror', (error) => page.problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // A failed request's console line is how an HTTP error status shows; the tests check those
    // answers themselves. Anything else (a CSP refusal, a script error) is a problem.
    if (/Failed to load resource/.test(text)) return;
    page.problems.push(`console: ${text}`);
  });
  return page;
}

// The demo accounts from the server's first-start output: lines indented by two spaces,
// "  LOGIN  PASSWORD  ROLE_KEY  ORG NAME", fields two spaces apart.
export function parseLogins(text) {
  const accounts = [];
  for (const line of text.split(/\r?\n/)) {
    if (!/^ {2}\S/.test(line)) continue;
    const parts = line.trim().split(/ {2,}|\t+/);
    if (parts.length < 3) continue;
    const [login, password, role, ...org] = parts;
    accounts.push({ login, password, role, org: org.join('  ') });
  }
  return accounts;
}

export function loadLogins() {
  const file = process.env.JX_LOGINS_FILE;
  if (!file) throw new Error('JX_LOGINS_FILE is not set (run tests/web/run.sh)');
  const accounts = parseLogins(readFileSync(file, 'utf8'));
  const byLogin = new Map(accounts.map((a) => [a.login, a]));
  return {
    accounts,
    login(name) {
      const account = byLogin.get(name);
      if (!account) {
        throw new Error(`no demo login "${name}" in ${file}; found: ${accounts.map((a) => a.login).join(', ')}`);
      }
      return account;
    },
    role(role) {
      const account = accounts.find((a) => a.role === role);
      if (!account) throw new Error(`no demo login with role ${role} in ${file}`);
      return account;
    },
  };
}

export const screenshotsWanted = process.env.JX_SCREENSHOTS === '1';

export async function screenshot(page, name) {
  if (!screenshotsWanted) return;
  const dir = join(ROOT, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name), fullPage: false });
}
