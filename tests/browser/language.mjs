// language.mjs: the demo relay log read in bokmål, nynorsk and English,
// switched with the header's language links (which keep the page): its
// timeline and codes in the page's language, what a person wrote as
// written and marked with its language, the action guide's bokmål marked
// on the other pages; at 1280 and 390 px, every page checked with
// axe-core; and the consent information in the families' languages.
import {
	scenario, login, goto, submit, checkA11y, newContext,
	expectText, expectNoText, expectPath, expectVisible, fail,
} from './lib.mjs';

// Codes as the database has them: never a word on a page.
const RAW = ['health_clinic', 'child_welfare', 'bright_spot',
	'consent_withdrawn', 'nav_notice', 'cw_report', 'code:'];
// The timeline's system text in English.
const ENGLISH = ['takes part', 'Relay log opened', 'Consent recorded',
	'New measure:', 'held by'];

// What each language's page says, and what it must not.
const LANGS = {
	nb: {
		link: 'Bokmål',
		says: ['Nina Berg deltar', 'Stafettlogg opprettet på nivå 2',
			'Samtykke registrert (digitalt)', 'Nytt tiltak:'],
		not: ENGLISH,
	},
	nn: {
		link: 'Nynorsk',
		says: ['Nina Berg deltek', 'Stafettlogg oppretta på nivå 2',
			'Samtykke registrert (digitalt)', 'ansvarleg:'],
		not: ENGLISH,
	},
	en: {
		link: 'English',
		says: ['Nina Berg takes part', 'Relay log opened at level 2',
			'Consent recorded (digitally)', 'New measure:'],
		not: ['Nina Berg deltar', 'Stafettlogg opprettet'],
	},
};

async function htmlLang(page) {
	return page.locator('html').getAttribute('lang');
}

// The texts a reader sees that are marked as in language lang.
async function marked(page, lang) {
	return page.locator(`main [lang="${lang}"]`).allInnerTexts();
}

// The demo log read in one language (the page is there already).
async function readIn(page, code, where, guide) {
	const want = LANGS[code];
	if (await htmlLang(page) !== code)
		fail(`${where}: <html lang="${await htmlLang(page)}">, expected ${code}`);
	const timeline = page.locator('#timeline');
	await expectText(timeline, ...want.says);
	await expectNoText(timeline, ...want.not);
	await expectNoText(page, ...RAW);
	// the Norwegian a person wrote: marked nb where the page is not
	const nb = await marked(page, 'nb');
	const bright = nb.some((t) => t.includes('Sara ble levert uten gråt'));
	if (code === 'nb' && bright)
		fail(`${where}: bokmål text marked lang="nb" on a bokmål page`);
	if (code !== 'nb' && !bright)
		fail(`${where}: the bright spot in bokmål is not marked lang="nb"`);
	// the action guide has bokmål and English: on a nynorsk page its
	// steps are bokmål, marked
	const steps = page.locator('#guide .step-text');
	if (!(await steps.count()) && guide)
		fail(`${where}: no steps in the action guide`);
	for (const step of await steps.all()) {
		const lang = await step.getAttribute('lang');
		if ((code === 'nn') !== (lang === 'nb'))
			fail(`${where}: a step of the guide has lang=${lang}`);
	}
}

async function readDemo(page, step, width, user) {
	const where = (code) => `the demo log for ${user}, ${code}, ${width} px`;
	// the guardians' page may leave the action guide out
	const guide = user !== 'forelder';
	let path;

	await step(`${user} opens the demo log (${width} px)`, async () => {
		await login(page, user);
		await submit(page, page.getByRole('link', { name: /Sara Hansen/ }).first());
		path = expectPath(page, /^\/logs\/[A-Za-z0-9_-]{22}$/).pathname;
		await readIn(page, 'nb', where('nb'), guide);
		await checkA11y(page, where('nb'));
	});
	for (const code of ['nn', 'en', 'nb']) {
		await step(`${user} switches to ${LANGS[code].link} (${width} px)`, async () => {
			const link = page.getByRole('navigation', { name: /Språk|Language/ })
				.getByRole('link', { name: LANGS[code].link });
			await expectVisible(link, `the ${LANGS[code].link} link`);
			await submit(page, link);
			// the page is kept
			expectPath(page, path);
			await readIn(page, code, where(code), guide);
			await checkA11y(page, where(code));
		});
	}
	await step(`${user} reads the consent in nynorsk (${width} px)`, async () => {
		await goto(page, `${path}?lang=nn`);
		await submit(page, page.locator('a[href^="/consents/"]').first());
		if (await htmlLang(page) !== 'nn')
			fail('the consent page is not in nynorsk');
		await expectNoText(page, ...RAW);
		await checkA11y(page, `the demo consent in nynorsk, ${width} px`);
		await goto(page, `${path}?lang=nb`);
	});
}

await scenario('language', async ({ browser, page, step }) => {
	await readDemo(page, step, 1280, 'ansatt');

	const phone = await newContext(browser, {
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true,
	});
	const small = await phone.newPage();
	await readDemo(small, step, 390, 'forelder');

	await phone.close();

	await step('the concern form is in nynorsk on a nynorsk page', async () => {
		await goto(page, '/forms/concern?lang=nn');
		await expectVisible(page.getByRole('heading', { level: 1,
			name: 'Undring eller bekymring for eit barn' }), 'the nynorsk title');
		if (await page.locator('main [lang="nb"]').count())
			fail('text marked bokmål on a nynorsk form that has nynorsk');
		await checkA11y(page, 'the concern form on a nynorsk page');
		await goto(page, '/forms/concern?lang=en');
		if (await page.locator('main [lang="nb"]').count())
			fail('text marked bokmål on an English form that has English');
		await checkA11y(page, 'the concern form in English');
		await goto(page, '/forms/concern?lang=nb');
	});

	await step('the consent information in the families\' languages', async () => {
		for (const code of ['pl', 'ar', 'ti']) {
			await goto(page, `/consent-info?lang=${code}`);
			const article = page.locator(`main article[lang="${code}"]`);
			await expectVisible(article, `the ${code} text`);
			if (code === 'ar' && await article.getAttribute('dir') !== 'rtl')
				fail('the Arabic text does not read right to left');
			await checkA11y(page, `the consent information, ${code}`);
		}
		await goto(page, '/forms/concern?lang=nb');
	});
});
