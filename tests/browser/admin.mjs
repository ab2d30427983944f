// admin.mjs: the administrator manages units and people in the browser
// (issue 16, item 11): from the start page to the units, a unit added
// (first with a code that breaks the rules, which is refused with what
// was typed kept), from its page a person added to it (first with a user
// name that is taken), the person's e-mail address changed (first to
// something that is no address), the person deactivated after the
// confirmation and found deactivated in the list. The whole journey runs
// on a wide screen (1280 px) and again on a phone (390 px), JavaScript
// off; every page is checked with axe-core. Last, an employee changes
// her own e-mail address from the link in the header.
import {
	scenario, newContext, login, logout, submit, goto, checkA11y,
	expectText, expectPath, expectVisible, fail, sql,
} from './lib.mjs';

const RUN = String(Date.now()).slice(-8);

async function journey(page, step, width) {
	const code = `admintest-${width}-${RUN}`;
	const unit = `Nettleserbarnehagen ${width} ${RUN}`;
	const username = `nettleser.${width}.${RUN}`;
	const person = `Kari Nettleser ${width}`;
	let unitId, personId;
	const at = (what) => `${what} (${width} px)`;

	await step(at('from the start page to the units'), async () => {
		await login(page, 'admin');
		await expectText(page, 'Som administrator forvalter du enhetene');
		await checkA11y(page, at('the administrator’s start page'));
		await submit(page, page.getByRole('link', { name: /^Enheter:/ }));
		expectPath(page, '/admin/units');
		await expectText(page, 'Fagerli barnehage', 'Legg til en enhet');
		await checkA11y(page, at('the units'));
	});

	await step(at('a code that breaks the rules is refused'), async () => {
		const form = page.getByRole('region', { name: 'Legg til en enhet' });
		await form.getByRole('textbox', { name: /^Kode/ }).fill('Nettleser Barnehage');
		await form.getByRole('textbox', { name: /^Navn/ }).fill(unit);
		await form.getByRole('combobox', { name: /^Type enhet/ }).selectOption('kindergarten');
		await submit(page, form.getByRole('button', { name: 'Legg til enheten' }),
			{ status: 422 });
		await expectText(page, 'Enheten ble ikke lagt til', 'Skriv en kode på 1 til 40 tegn');
		const kept = await page.getByRole('region', { name: 'Legg til en enhet' })
			.getByRole('textbox', { name: /^Navn/ }).inputValue();
		if (kept !== unit)
			fail(`the name came back as "${kept}"`);
		await checkA11y(page, at('the units with an error'));
	});

	await step(at('the unit is added'), async () => {
		const form = page.getByRole('region', { name: 'Legg til en enhet' });
		await form.getByRole('textbox', { name: /^Kode/ }).fill(code);
		await submit(page, form.getByRole('button', { name: 'Legg til enheten' }),
			{ redirected: true });
		unitId = expectPath(page, /^\/admin\/units\/[A-Za-z0-9_-]{22}$/)
			.pathname.split('/')[3];
		await expectVisible(page.getByRole('status'));
		await expectText(page, 'Enheten er lagt til', unit, code, 'Barnehage');
		await checkA11y(page, at('the new unit'));
	});

	await step(at('a person is added to it, first with a taken user name'), async () => {
		await submit(page, page.getByRole('link', { name: `Legg til en person i ${unit}` }));
		expectPath(page, '/admin/people');
		const form = page.getByRole('region', { name: 'Legg til en person' });
		const chosen = await form.getByRole('combobox', { name: /^Enhet/ }).inputValue();
		if (chosen !== unitId)
			fail(`the unit chosen beforehand is "${chosen}", not the unit's`);
		await form.getByRole('textbox', { name: /^Navn/ }).fill(person);
		await form.getByRole('textbox', { name: /^Brukernavn/ }).fill('ansatt');
		await form.getByRole('radio', { name: 'Ansatt' }).check();
		await form.getByRole('textbox', { name: /^E-postadresse/ })
			.fill(`${username}@example.invalid`);
		await checkA11y(page, at('the people, and the form to add one'));
		await submit(page, form.getByRole('button', { name: 'Legg til personen' }),
			{ status: 422 });
		await expectText(page, 'Personen ble ikke lagt til',
			'En annen person har allerede dette brukernavnet');
		await checkA11y(page, at('the people with an error'));
		const again = page.getByRole('region', { name: 'Legg til en person' });
		if (await again.getByRole('textbox', { name: /^Navn/ }).inputValue() !== person)
			fail('the name typed did not come back');
		if (await again.getByRole('combobox', { name: /^Enhet/ }).inputValue() !== unitId)
			fail('the unit chosen did not come back');
		await again.getByRole('textbox', { name: /^Brukernavn/ }).fill(username);
		await submit(page, again.getByRole('button', { name: 'Legg til personen' }),
			{ redirected: true });
		personId = expectPath(page, /^\/admin\/people\/[A-Za-z0-9_-]{22}$/)
			.pathname.split('/')[3];
		await expectText(page, 'Personen er lagt til', person,
			`stafett user password ${username}`, unit);
		await checkA11y(page, at('the new person'));
	});

	await step(at('the person’s e-mail address is changed'), async () => {
		const form = page.getByRole('region', { name: `Endre ${person}` });
		const email = form.getByRole('textbox', { name: /^E-postadresse/ });
		await email.fill('kari at example');
		await submit(page, form.getByRole('button', { name: 'Lagre endringene' }),
			{ status: 422 });
		await expectText(page, 'Endringen ble ikke lagret', 'Skriv en e-postadresse');
		await checkA11y(page, at('the person with an error'));
		await page.getByRole('region', { name: `Endre ${person}` })
			.getByRole('textbox', { name: /^E-postadresse/ })
			.fill(`kari.ny.${width}@example.invalid`);
		await submit(page, page.getByRole('region', { name: `Endre ${person}` })
			.getByRole('button', { name: 'Lagre endringene' }), { redirected: true });
		await expectVisible(page.getByRole('status'));
		await expectText(page, 'Endringene er lagret',
			`kari.ny.${width}@example.invalid`);
		await checkA11y(page, at('the person, saved'));
	});

	await step(at('the person is deactivated after the confirmation'), async () => {
		await submit(page, page.getByRole('button', { name: `Deaktiver ${person}` }),
			{ redirected: true });
		await expectText(page, `Er du sikker på at du vil deaktivere ${person}?`);
		if (sql(`SELECT active FROM app_user WHERE public_id = '${personId}'`) !== '1')
			fail('deactivated before the confirmation');
		await checkA11y(page, at('the confirmation'));
		await submit(page, page.getByRole('button', { name: `Ja, deaktiver ${person}` }),
			{ redirected: true });
		await expectVisible(page.getByRole('status'));
		await expectText(page, 'Personen er deaktivert');
		await expectVisible(page.getByRole('button', { name: `La ${person} logge inn igjen` }));
		if (sql(`SELECT active FROM app_user WHERE public_id = '${personId}'`) !== '0')
			fail('the person is still active');
		await checkA11y(page, at('the deactivated person'));
	});

	await step(at('found deactivated in the list'), async () => {
		await goto(page, `/admin/people?q=${encodeURIComponent(username)}`);
		const row = page.getByRole('row', { name: new RegExp(person) });
		await expectVisible(row);
		// (tags are in capitals, by the stylesheet)
		await expectText(row, /deaktivert/i);
		await checkA11y(page, at('a search in the people'));
		await logout(page);
	});
}

await scenario('admin', async ({ browser, page, step }) => {
	await journey(page, step, 1280);

	const phone = await newContext(browser, { viewport: { width: 390, height: 844 } });
	try {
		await journey(await phone.newPage(), step, 390);
	} finally {
		await phone.close();
	}

	await step('an employee changes her own e-mail address', async () => {
		const before = sql("SELECT email FROM app_user WHERE username = 'ansatt2'");
		await login(page, 'ansatt2');
		await submit(page, page.getByRole('link', { name: 'Varsler på e-post' }));
		expectPath(page, '/settings/email');
		const email = () => page.getByRole('textbox', { name: /^E-postadresse/ });
		await email().fill('ikke en adresse');
		await submit(page, page.getByRole('button', { name: 'Lagre e-postadressen min' }),
			{ status: 422 });
		await expectText(page, 'E-postadressen din ble ikke lagret');
		await checkA11y(page, 'the own address with an error');
		await email().fill(`ansatt2.${RUN}@example.invalid`);
		await submit(page, page.getByRole('button', { name: 'Lagre e-postadressen min' }),
			{ redirected: true });
		await expectVisible(page.getByRole('status'));
		await expectText(page, `E-postadressen din er lagret: e-post går til ansatt2.${RUN}@example.invalid.`);
		await checkA11y(page, 'the own address, saved');
		// as it was, for the other scenarios
		await email().fill(before);
		await submit(page, page.getByRole('button', { name: 'Lagre e-postadressen min' }),
			{ redirected: true });
		await logout(page);
	});

	await step('the leader reads the families’ feedback on the unit', async () => {
		await login(page, 'leder');
		await submit(page, page.getByRole('link',
			{ name: 'Familienes tilbakemeldinger om enheten' }));
		expectPath(page, '/feedback');
		await expectVisible(page.getByRole('heading', { level: 1,
			name: 'Familienes tilbakemeldinger' }));
		await expectVisible(page.getByRole('table').first(), 'a table of the answers');
		await checkA11y(page, 'the families’ feedback (leader)');
		await logout(page);
	});
});
