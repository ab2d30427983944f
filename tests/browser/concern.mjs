// concern.mjs: an employee writes down a concern in the browser: the
// login and start pages, the form sent empty (errors inline and in the
// summary, tied to their fields), then filled in, the receipt, the form
// in English, and logging out. Every page is checked with axe-core.
import {
	scenario, login, logout, goto, submit, checkA11y,
	expectText, expectPath, expectVisible, attribute, fail,
} from './lib.mjs';

await scenario('concern', async ({ page, step }) => {
	await step('the login page', async () => {
		await goto(page, '/');
		expectPath(page, '/login');
		await expectText(page, 'Logg inn', 'Brukernavn', 'Passord');
		await checkA11y(page, 'the login page');
	});

	await step('log in as ansatt; the start page', async () => {
		await login(page, 'ansatt');
		await expectText(page, 'Startside', 'Ingrid Solberg');
		await checkA11y(page, 'the start page');
	});

	await step('the concern form', async () => {
		await submit(page, page.getByRole('link', { name: 'Skriv ned en bekymring' }));
		expectPath(page, '/forms/concern');
		await expectVisible(page.getByRole('heading', { level: 1,
			name: 'Undring eller bekymring for et barn' }));
		await checkA11y(page, 'the concern form');
	});

	await step('sent empty: errors inline and in the summary', async () => {
		await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
			{ status: 422, redirected: false });
		expectPath(page, '/forms/concern');
		const summary = page.getByRole('alert').filter({
			has: page.getByRole('heading', { name: /Skjemaet kunne ikke sendes/ }),
		});
		await expectVisible(summary, 'the error summary');
		// Each error in the summary links to its field, and the field (or,
		// for a group of radio buttons, its fieldset) says it is invalid
		// and points at its own message next to it.
		const links = summary.getByRole('link');
		const n = await links.count();
		if (n < 3)
			fail(`expected at least 3 errors in the summary, found ${n}`);
		for (let i = 0; i < n; i++) {
			const id = (await attribute(links.nth(i), 'href')).replace(/^#/, '');
			const target = page.locator(`[id="${id}"]`);
			if (await target.count() !== 1)
				fail(`summary link #${id} has no single target`);
			await expectVisible(page.locator(`[id="${id}-error"]`),
				`the inline error of ${id}`);
			const invalid = target.locator(
				'xpath=ancestor-or-self::*[@aria-invalid="true"][1]');
			if (await invalid.count() !== 1)
				fail(`${id} is not marked aria-invalid`);
			const by = (await attribute(invalid, 'aria-describedby')).split(/\s+/);
			if (!by.includes(`${id}-error`))
				fail(`${id} is not described by its error (${by})`);
		}
		const seen = page.getByRole('textbox', { name: /^Hva har du sett eller hørt\?/ });
		const seenId = await attribute(seen, 'id');
		await expectText(page.locator(`[id="${seenId}-error"]`),
			'Dette feltet må fylles ut.');
		await checkA11y(page, 'the concern form with errors');
	});

	await step('filled in and sent: the receipt', async () => {
		// By role and accessible name, as a screen reader finds them.
		await page.getByRole('textbox', { name: /^Barnets navn/ })
			.fill('Nora Nettleser');
		await page.getByLabel('Fødselsdato', { exact: true }).fill('2021-03-14');
		await page.getByRole('textbox', { name: /^Hva har du sett eller hørt\?/ })
			.fill('Nora har virket trist og sliten i flere uker.');
		await page.getByRole('group', { name: /^Hvor lenge har du vært bekymret\?/ })
			.getByRole('radio', { name: 'Noen uker' }).check();
		await page.getByRole('group', { name: /^Er foresatte informert/ })
			.getByRole('radio', { name: 'Nei, men det er planlagt' }).check();
		await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
			{ status: 200, redirected: true });
		expectPath(page, /^\/concerns\/[A-Za-z0-9_-]{22}\?new=1$/);
		const receipt = page.getByRole('status');
		await expectText(receipt, 'Bekymringen er registrert', /Referanse: \S+/);
		await expectText(page, 'Nora Nettleser',
			'Nora har virket trist og sliten i flere uker.',
			/Ingrid Solberg, \d\d\.\d\d\.\d{4} \d\d:\d\d/);
		await checkA11y(page, 'the receipt');
	});

	await step('the concern form in English', async () => {
		await goto(page, '/forms/concern?lang=en');
		const lang = await attribute(page.locator('html'), 'lang');
		if (lang !== 'en')
			fail(`html lang is "${lang}", expected "en"`);
		await expectText(page, 'Wondering or concern about a child',
			'What have you seen or heard?');
		await checkA11y(page, 'the concern form in English');
		await goto(page, '/?lang=nb');
		await expectText(page, 'Startside');
	});

	await step('log out', async () => {
		await logout(page);
		await goto(page, '/');
		expectPath(page, '/login');
	});
});
