// screenshots.mjs: pictures of the main journeys (scripts/screenshots
// starts a stack with the demo data and says where they go), so the
// pages can be looked at, not only read about: each person's start page
// and their step of the journey, in Norwegian, at a laptop's width, and
// the same pages at a phone's. Not a test: it lives below tests/browser
// to use its packages and helpers. docs/screenshots.md lists them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, goto, launch, login, newContext } from '../lib.mjs';

const out = process.env.STAFETT_OUT;
const pws = JSON.parse(process.env.STAFETT_TEST_PASSWORDS || '{}');
if (!out || !pws.ansatt)
	fail('STAFETT_OUT and STAFETT_TEST_PASSWORDS are needed');
mkdirSync(out, { recursive: true });

const shots = [];

async function shoot(page, name, what, { full = false } = {}) {
	const file = `${name}.png`;
	await page.screenshot({ path: join(out, file), fullPage: full });
	shots.push({ file, what });
	console.log(`screenshots: ${join(out, file)}`);
}

// The demo log's address, from the holder's start page.
async function demoLog(page) {
	const href = await page.locator('main a[href^="/logs/"]').first().getAttribute('href');
	if (!href)
		fail('no relay log on the holder’s start page');
	return href.split('#')[0].split('?')[0];
}

const browser = await launch();
try {
	for (const [width, suffix] of [[1280, ''], [390, '-phone']]) {
		const person = async (user) => {
			const context = await newContext(browser, {
				viewport: { width, height: width > 500 ? 800 : 844 } });
			const page = await context.newPage();
			await login(page, user, { pw: pws[user] });
			return page;
		};
		const at = width > 500 ? 'at a laptop’s width' : 'on a phone';

		const holder = await person('ansatt');
		await shoot(holder, `home${suffix}`,
			`The kindergarten teacher’s start page ${at}: her measures, meetings, relay logs and concerns, and the button to write down a concern.`);
		const log = await demoLog(holder);
		await goto(holder, log);
		await shoot(holder, `log${suffix}`,
			`The demo relay log as its holder sees it ${at}: the child, the level, the holder, and where the case stands in the action guide with the next step.`);
		await goto(holder, '/forms/concern');
		await shoot(holder, `concern${suffix}`,
			`The concern form ${at}: the reminder to phone 112 or the emergency service first, and the first fields.`);
		await goto(holder, `/forms/handover?log=${log.split('/')[2]}`);
		await shoot(holder, `handover${suffix}`,
			`The handover form ${at}: the new holder is chosen from a list, once.`);
		// an action confirmed: a bright spot written in the log
		await goto(holder, log);
		const note = holder.locator('form#note');
		await note.locator('input[value="bright_spot"]').check();
		await note.locator('textarea[name="text"]').fill('Sara lekte med to nye venner i dag.');
		await Promise.all([holder.waitForNavigation(),
			note.locator('button[type="submit"]').click()]);
		await shoot(holder, `confirmed${suffix}`,
			`A confirmation ${at}: what was done and what happens next, on the page the action led to.`);

		const guardian = await person('forelder');
		await goto(guardian, log);
		await shoot(guardian, `guardian-log${suffix}`,
			`The same relay log as the guardian sees it ${at}: the level in plain words, and who to talk to.`);

		const leader = await person('leder');
		await shoot(leader, `leader-home${suffix}`,
			`The kindergarten leader’s start page ${at}: concerns in the unit to decide about.`);

		const admin = await person('admin');
		await shoot(admin, `admin-home${suffix}`,
			`The administrator’s start page ${at}: what they manage; they see no child’s case.`);

		await goto(holder, `${log}?lang=nn`);
		await shoot(holder, `log-nynorsk${suffix}`,
			`The relay log in nynorsk ${at}.`);
		await goto(holder, `${log}?lang=nb`);
		for (const p of [holder, guardian, leader, admin])
			await p.context().close();
	}
	// The list the documentation shows them from.
	const md = ['# Screenshots', '',
		'The main journeys, made by `make screenshots` from a stack with the',
		'demo data (`scripts/screenshots`). Look at them before and after a',
		'change to the pages.', ''];
	for (const s of shots)
		md.push(`![${s.what}](img/${s.file})`, '', s.what, '');
	writeFileSync(join(out, '..', 'screenshots.md'), md.join('\n'));
} finally {
	await browser.close();
}
