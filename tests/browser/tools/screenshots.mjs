// screenshots.mjs: the README's pictures (scripts/screenshots starts the
// stack and says where they go): the demo relay log as its holder sees
// it, and the concern form, in Norwegian at a laptop's width. Not a
// test: it lives below tests/browser to use its packages and helpers.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fail, goto, launch, login, newContext } from '../lib.mjs';

const out = process.env.STAFETT_OUT;
const user = process.env.STAFETT_USER;
const pw = process.env.STAFETT_PASSWORD;
if (!out || !user || !pw)
	fail('STAFETT_OUT, STAFETT_USER and STAFETT_PASSWORD are needed');
mkdirSync(out, { recursive: true });

const browser = await launch();
try {
	const context = await newContext(browser, {
		viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	await login(page, user, { pw });
	// the start page lists the holder's logs; the demo has one
	const link = page.locator('a[href^="/logs/"]').first();
	const href = await link.getAttribute('href');
	if (!href)
		fail('no relay log on the start page of ' + user);
	// the log's own address, not a place in it (#measures)
	await goto(page, href.split('#')[0]);
	await page.screenshot({ path: join(out, 'log.png') });
	await goto(page, '/forms/concern');
	await page.screenshot({ path: join(out, 'concern.png') });
	console.log(`screenshots: ${join(out, 'log.png')} ${join(out, 'concern.png')}`);
} finally {
	await browser.close();
}
