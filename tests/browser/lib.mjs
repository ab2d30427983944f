// lib.mjs: shared helpers for the browser scenarios: start Debian's
// Chromium through playwright-core, log in and out, go to pages and send
// forms with their HTTP status checked, assert text, and check each page
// with axe-core (WCAG 2.1 A and AA; serious or critical findings fail).
//
// A scenario is one file tests/browser/NAME.mjs that calls scenario();
// tests/system/test_browser.py runs each of them against the test stack
// with the address in STAFETT_TEST_URL and the users' passwords in
// STAFETT_TEST_PASSWORDS (JSON: {"ansatt": "...", ...}). See README.md.
//
// The app itself is driven with JavaScript off, as its own CSP
// (script-src none) has it for every real visitor, so a scenario that
// passes shows the pages work without it. axe-core needs JavaScript, and
// Chromium with script execution disabled does not run its timers, so
// checkA11y() loads a copy of the current page (the same HTML at the same
// address, its stylesheet from the server) in a separate JavaScript-on
// context that bypasses the CSP, injects axe.min.js there and runs it.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const BASE_URL = (process.env.STAFETT_TEST_URL || '').replace(/\/$/, '');
export const CHROMIUM = process.env.STAFETT_CHROMIUM || '/usr/bin/chromium';

// What fails a page: WCAG 2.1 A and AA rules, at these impacts.
export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const A11Y_FAIL_IMPACTS = ['serious', 'critical'];

const TIMEOUT_MS = 10000;

export class TestFailure extends Error {}

export function fail(message) {
	throw new TestFailure(message);
}

// Today where the municipality is (the app's dates are Oslo dates), and
// days from it, as YYYY-MM-DD.
export function day(offset = 0) {
	const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' })
		.format(new Date());
	const d = new Date(`${today}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + offset);
	return d.toISOString().slice(0, 10);
}

// SQL on the test database as its administrator, as the system tests'
// sql() does: only for a step that has no UI (why is the scenario's to
// say), through the stack's socket in STAFETT_TEST_DIR.
export function sql(query) {
	const dir = process.env.STAFETT_TEST_DIR;
	if (!dir)
		fail('STAFETT_TEST_DIR is not set: this step needs the database');
	return execFileSync('mariadb', ['--no-defaults', '-S', join(dir, 'run/db.sock'),
		'-u', 'root', '-N', '-B', '-D', 'stafett', '-e', query],
	{ encoding: 'utf8' }).trim();
}

export function password(user) {
	const all = JSON.parse(process.env.STAFETT_TEST_PASSWORDS || '{}');
	if (!(user in all))
		fail(`no password for user "${user}" in STAFETT_TEST_PASSWORDS`);
	return all[user];
}

// ------------------------------------------------------------ browser

export async function launch() {
	return chromium.launch({ executablePath: CHROMIUM, headless: true });
}

// A context as a Norwegian user has it, JavaScript off (see the top).
export async function newContext(browser, options = {}) {
	const context = await browser.newContext({
		baseURL: BASE_URL,
		locale: 'nb-NO',
		timezoneId: 'Europe/Oslo',
		javaScriptEnabled: false,
		viewport: { width: 1280, height: 900 },
		...options,
	});
	context.setDefaultTimeout(TIMEOUT_MS);
	context.setDefaultNavigationTimeout(TIMEOUT_MS);
	return context;
}

// ------------------------------------------------------ HTTP statuses

export function expectStatus(response, status, what = 'response') {
	if (!response)
		fail(`${what}: no response (expected HTTP ${status})`);
	if (response.status() !== status)
		fail(`${what}: HTTP ${response.status()} from ${response.url()}, ` +
			`expected ${status}`);
	return response;
}

// Go to a path (or address) and check the status of the page (after
// redirects: a 303 to /login that lands with 200 is a 200).
export async function goto(page, path, { status = 200 } = {}) {
	const response = await page.goto(path);
	return expectStatus(response, status, `GET ${path}`);
}

// Click what sends a form or follows a link, wait for the next page and
// check its status; redirected: true also asks that it came by redirect
// (a form sent well answers 303 See Other).
export async function submit(page, locator, { status = 200, redirected } = {}) {
	// The page's own answer is the last response to the main frame's
	// navigation, past any redirect; then wait for the new document
	// (not the old one, which is loaded already) to load.
	const main = page.mainFrame();
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().isNavigationRequest() &&
			r.frame() === main && !(r.status() >= 300 && r.status() < 400)),
		page.waitForEvent('framenavigated', (f) => f === main),
		locator.click(),
	]);
	await page.waitForLoadState();
	expectStatus(response, status, `after clicking ${locator}`);
	if (redirected !== undefined) {
		const was = response.request().redirectedFrom() !== null;
		if (was !== redirected)
			fail(`after clicking ${locator}: ${was ? 'a' : 'no'} redirect ` +
				`to ${response.url()}, expected ${redirected ? 'one' : 'none'}`);
	}
	return response;
}

export function expectPath(page, expected) {
	const url = new URL(page.url());
	const ok = expected instanceof RegExp ?
		expected.test(url.pathname + url.search) : url.pathname === expected;
	if (!ok)
		fail(`at ${url.pathname}${url.search}, expected ${expected}`);
	return url;
}

// ---------------------------------------------------------------- text

function isPage(where) {
	return typeof where.goto === 'function';
}

function describe(where) {
	return isPage(where) ? `page ${where.url()}` : `${where}`;
}

async function textOf(where) {
	const scope = isPage(where) ? where.locator('body') : where;
	return (await scope.innerText()).replace(/\s+/g, ' ');
}

// The visible text of a page or locator contains each string or matches
// each RegExp.
export async function expectText(where, ...expected) {
	const text = await textOf(where);
	for (const e of expected) {
		const ok = e instanceof RegExp ? e.test(text) : text.includes(e);
		if (!ok)
			fail(`${describe(where)}: text ${e instanceof RegExp ? e : JSON.stringify(e)} ` +
				`not found in:\n${text.slice(0, 2000)}`);
	}
}

export async function expectNoText(where, ...unexpected) {
	const text = await textOf(where);
	for (const e of unexpected) {
		if (e instanceof RegExp ? e.test(text) : text.includes(e))
			fail(`${describe(where)}: unexpected text ${e}`);
	}
}

export async function expectVisible(locator, what = `${locator}`) {
	if (!(await locator.count()))
		fail(`not found: ${what}`);
	if (!(await locator.first().isVisible()))
		fail(`not visible: ${what}`);
}

// The value of an attribute, which must be there.
export async function attribute(locator, name) {
	const value = await locator.getAttribute(name);
	if (value === null)
		fail(`${locator} has no ${name} attribute`);
	return value;
}

// --------------------------------------------------------------- users

// Log in through the login form and land on the start page (or next).
// The concern form (the page is on it) filled in as a person does, by
// role and accessible name, and sent: the child's name, and the date of
// birth or the expected date when given; what was seen; "a few weeks";
// whether the guardians are told. The receipt's concern id is returned.
export async function writeConcern(page, { name, birth, expected, seen,
	informed = 'Ja' }) {
	await page.getByRole('textbox', { name: /^Barnets navn/ }).fill(name);
	if (birth)
		await page.getByLabel('Fødselsdato', { exact: true }).fill(birth);
	if (expected)
		await page.getByLabel(/^Termin/).fill(expected);
	await page.getByRole('textbox', { name: /^Hva har du sett eller hørt\?/ })
		.fill(seen);
	await page.getByRole('group', { name: /^Hvor lenge har du vært bekymret\?/ })
		.getByRole('radio', { name: 'Noen uker' }).check();
	await page.getByRole('group', { name: /^Er foresatte informert/ })
		.getByRole('radio', { name: informed }).check();
	await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
		{ redirected: true });
	return expectPath(page, /^\/concerns\/[A-Za-z0-9_-]{22}\?new=1$/)
		.pathname.split('/')[2];
}

export async function login(page, user, { pw = password(user), next = '/' } = {}) {
	await goto(page, '/login');
	await page.getByLabel('Brukernavn').fill(user);
	await page.getByLabel('Passord').fill(pw);
	await submit(page, page.getByRole('button', { name: 'Logg inn', exact: true }),
		{ redirected: true });
	expectPath(page, next);
	await expectVisible(page.getByRole('button', { name: 'Logg ut' }),
		`the log-out button after logging in as ${user}`);
}

export async function logout(page) {
	await submit(page, page.getByRole('button', { name: 'Logg ut' }),
		{ redirected: true });
	const left = page.getByRole('button', { name: 'Logg ut' });
	if (await left.count())
		fail(`still logged in after logging out (at ${page.url()})`);
}

// -------------------------------------------------------- accessibility

// One page, in its own context, that checkA11y() reuses for every copy.
const auditPages = new WeakMap();

async function auditPage(browser) {
	let audit = auditPages.get(browser);
	if (!audit) {
		const context = await browser.newContext({
			locale: 'nb-NO',
			timezoneId: 'Europe/Oslo',
			viewport: { width: 1280, height: 900 },
			javaScriptEnabled: true,
			bypassCSP: true,
		});
		context.setDefaultTimeout(TIMEOUT_MS);
		audit = { page: await context.newPage(), copy: null };
		// The document is the copy; everything else (the stylesheet)
		// comes from the server.
		await audit.page.route((url) => audit.copy !== null &&
			url.href.split('#')[0] === audit.copy.url, (route) => {
			const body = audit.copy.html;
			audit.copy = null;
			return route.fulfill({
				status: 200,
				contentType: 'text/html; charset=utf-8',
				body,
			});
		});
		auditPages.set(browser, audit);
	}
	return audit;
}

function formatViolations(violations) {
	const lines = [];
	for (const v of violations) {
		lines.push(`  [${v.impact}] ${v.id}: ${v.help}`);
		lines.push(`      ${v.helpUrl}`);
		for (const node of v.nodes) {
			lines.push(`      - ${node.target.join(' ')}`);
			const why = (node.failureSummary || '').split('\n')
				.map((s) => s.trim()).filter(Boolean).slice(0, 3);
			for (const w of why)
				lines.push(`          ${w}`);
		}
	}
	return lines.join('\n');
}

// Check the page as it is now with axe-core; fail on any serious or
// critical violation of WCAG 2.1 A/AA, listing rule, help and elements.
// Lesser findings are printed, not failed. Returns axe's results.
export async function checkA11y(page, label) {
	const address = page.url();
	const audit = await auditPage(page.context().browser());
	audit.copy = { url: address.split('#')[0], html: await page.content() };
	await audit.page.goto(address);
	if (audit.copy !== null)
		fail(`checkA11y(${label}): the copy of ${address} was not used`);
	// Contrast is judged on the styles applied: the stylesheets must be
	// there, or a page would pass on the browser's defaults.
	const unstyled = await audit.page.evaluate(() =>
		[...document.querySelectorAll('link[rel~="stylesheet"]')]
			.filter((l) => !l.sheet).map((l) => l.href));
	if (unstyled.length)
		fail(`checkA11y(${label}): stylesheet not loaded: ${unstyled.join(', ')}`);
	await audit.page.addScriptTag({ path: AXE_PATH });
	const results = await audit.page.evaluate((tags) => window.axe.run(document, {
		runOnly: { type: 'tag', values: tags },
		resultTypes: ['violations'],
	}), A11Y_TAGS);
	const bad = results.violations.filter((v) => A11Y_FAIL_IMPACTS.includes(v.impact));
	const minor = results.violations.filter((v) => !A11Y_FAIL_IMPACTS.includes(v.impact));
	if (minor.length)
		console.log(`     a11y notes on ${label} (not failing):\n` + formatViolations(minor));
	if (bad.length)
		fail(`accessibility: ${bad.length} serious or critical ` +
			`violation${bad.length > 1 ? 's' : ''} on ${label} (${address}):\n` +
			formatViolations(bad));
	console.log(`     a11y ok: ${label} (${results.passes.length} rules pass)`);
	return results;
}

// ------------------------------------------------------------ scenarios

// Run one scenario: a browser, a context and a page are made and passed
// to body({ browser, context, page, step }); step(name, fn) runs and
// times a part of it. On failure the reason is printed with where the
// page was, a screenshot and the HTML are kept (in $STAFETT_TEST_DIR/
// browser, kept after the run with KEEP_TEST_DIR=1), and the process
// exits 1; on success it prints a closing line and exits 0.
export async function scenario(name, body) {
	if (!BASE_URL) {
		console.error(`${name}: STAFETT_TEST_URL is not set`);
		process.exit(2);
	}
	const started = Date.now();
	let browser, page, current = '(setup)';
	let failed = null;
	try {
		browser = await launch();
		const context = await newContext(browser);
		page = await context.newPage();
		const step = async (title, fn) => {
			current = title;
			const t = Date.now();
			await fn();
			console.log(`ok   ${title} (${Date.now() - t} ms)`);
		};
		await body({ browser, context, page, step });
	} catch (e) {
		failed = e;
	}
	if (failed) {
		console.log(`FAIL ${current}`);
		console.log(failed instanceof TestFailure ? failed.message :
			(failed && failed.stack) || String(failed));
		if (page && !page.isClosed()) {
			console.log(`     the page was ${page.url()}`);
			await keep(name, page);
		}
	}
	if (browser)
		await browser.close().catch(() => {});
	const ms = Date.now() - started;
	console.log(failed ? `${name}: failed (${ms} ms)` : `${name}: passed (${ms} ms)`);
	process.exit(failed ? 1 : 0);
}

async function keep(name, page) {
	const dir = process.env.STAFETT_TEST_DIR ?
		join(process.env.STAFETT_TEST_DIR, 'browser') : null;
	if (!dir)
		return;
	try {
		mkdirSync(dir, { recursive: true });
		const base = join(dir, name.replace(/[^A-Za-z0-9_-]+/g, '-'));
		writeFileSync(`${base}.html`, await page.content());
		await page.screenshot({ path: `${base}.png`, fullPage: true });
		console.log(`     kept ${base}.html and .png`);
	} catch (e) {
		console.log(`     could not keep the page: ${e.message}`);
	}
}
