// concern.mjs: an employee writes down a concern in the browser: the
// login and start pages, the form sent empty (errors inline and in the
// summary, tied to their fields), then filled in, the receipt, a report
// of concern to child welfare that nobody can receive (said at once on
// the page it lands on and on the start page), the form in English, and
// logging out. Every page is checked with axe-core.
import {
	scenario, login, logout, goto, submit, checkA11y,
	expectText, expectPath, expectVisible, attribute, fail, sql, writeConcern,
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
		await writeConcern(page, { name: 'Nora Nettleser', birth: '2021-03-14',
			seen: 'Nora har virket trist og sliten i flere uker.',
			informed: 'Nei, men det er planlagt' });
		const receipt = page.getByRole('status');
		await expectText(receipt, 'Bekymringen er registrert', /Referanse: \S+/);
		await expectText(page, 'Nora Nettleser',
			'Nora har virket trist og sliten i flere uker.',
			/Ingrid Solberg, \d\d\.\d\d\.\d{4} \d\d:\d\d/);
		await checkA11y(page, 'the receipt');
	});

	await step('a report of concern nobody can receive: not sent, said at once', async () => {
		// No child welfare partner takes reports (what the stack has is
		// put back after): the report waits with nobody to take it.
		const saved = sql("SELECT id, accepts + 0 FROM partner WHERE kind = 'child_welfare'")
			.split('\n').filter(Boolean).map((l) => l.split('\t'));
		sql("UPDATE partner SET accepts = accepts & ~4 WHERE kind = 'child_welfare'");
		try {
			await submit(page, page.getByRole('link',
				{ name: 'Skriv en bekymringsmelding til barneverntjenesten' }));
			expectPath(page, '/forms/cw-report');
			// the child of the concern, filled in from it
			const child = page.getByRole('group', { name: 'Barnet', exact: true });
			if (await child.getByRole('textbox', { name: /^Barnets navn/ }).inputValue() !==
				'Nora Nettleser')
				fail('the report is not filled in with the concern’s child');
			await checkA11y(page, 'the report of concern form');
			const reporter = page.getByRole('group', { name: /^Den som melder/ });
			await reporter.getByRole('radio', { name: 'Ansatt i barnehage' }).check();
			await reporter.getByRole('textbox', { name: /^Ditt navn/ }).fill('Ingrid Solberg');
			await reporter.getByRole('textbox', { name: /^Arbeidssted/ })
				.fill('Fagerli barnehage');
			await reporter.getByRole('textbox', { name: /^Telefon/ }).fill('912 34 567');
			await page.getByRole('textbox', { name: /^Hva er du bekymret for\?/ })
				.fill('Nora sier at hun er redd for å gå hjem.');
			await page.getByRole('group', { name: /^Hvor lenge har du vært bekymret\?/ })
				.getByRole('radio', { name: 'Noen uker' }).check();
			await page.getByRole('group', { name: /^Er foresatte informert om at du melder/ })
				.getByRole('radio', { name: 'Ja' }).check();
			const sign = page.getByRole('group', { name: 'Underskrift', exact: true });
			await sign.getByRole('textbox', { name: /^Leder som medundertegner/ })
				.fill('Leder Lund');
			const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' })
				.format(new Date());
			await sign.getByLabel(/^Dato/).fill(today);
			await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
				{ redirected: true });
			expectPath(page, /^\/concerns\/[A-Za-z0-9_-]{22}$/);
			// the page the sender lands on says it at once, in words
			await expectText(page.getByRole('alert').filter({ hasText: 'Ikke sendt' }),
				'Ikke sendt: ingen kan ta imot',
				'Ingen mottaker er registrert for barneverntjenesten. Ring dem.');
			await expectText(page.getByRole('region', { name: 'Meldinger til samarbeidspartnere', exact: true }),
				'Bekymringsmelding til barneverntjenesten', /ikke sendt/i);
			await checkA11y(page, 'the concern page with a report nobody can receive');
			await goto(page, '/');
			await expectText(page.getByRole('region',
				{ name: 'Meldinger du sendte som ikke kom fram slik de skulle' }),
			'ikke sendt: ingen mottaker er registrert for barneverntjenesten');
			await checkA11y(page, 'the start page with the alert');
		} finally {
			for (const [id, accepts] of saved)
				sql(`UPDATE partner SET accepts = ${Number(accepts)} WHERE id = ${Number(id)}`);
		}
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
