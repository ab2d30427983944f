// unborn.mjs: a case before the birth in the browser (issue 20, item 7):
// a concern about a child not born yet, with the expected date; level 2
// opens the relay log, which says the child is not born; the holder
// names an expectant parent by number (a wrong one first) and then
// registers the birth with the child's number. Every page is checked
// with axe-core.
import {
	scenario, login, submit, checkA11y, expectText, expectPath,
	expectVisible, fail,
	day, writeConcern,
} from './lib.mjs';

// A valid national identity number for ymd (mod 11 check digits); the
// individual number carries the century (500-999 for the 2000s).
function nin(ymd, individual) {
	const [y, m, d] = ymd.split('-');
	for (let i = individual; ; i++) {
		const s = `${d}${m}${y.slice(2)}${String(i).padStart(3, '0')}`;
		const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
		const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
		let k1 = 11 - [...s].reduce((a, c, j) => a + c * w1[j], 0) % 11;
		if (k1 === 11) k1 = 0;
		if (k1 === 10) continue;
		const s1 = s + k1;
		let k2 = 11 - [...s1].reduce((a, c, j) => a + c * w2[j], 0) % 11;
		if (k2 === 11) k2 = 0;
		if (k2 === 10) continue;
		return s1 + k2;
	}
}

const NAME = `Barn av Ronja Vente ${String(Date.now()).slice(-6)}`;

await scenario('unborn', async ({ page, step }) => {
	const region = (name) => page.getByRole('region', { name, exact: true });
	let log;

	await step('a concern about a child not born yet', async () => {
		await login(page, 'ansatt');
		await submit(page, page.getByRole('link', { name: 'Skriv ned en bekymring' }));
		expectPath(page, '/forms/concern');
		await writeConcern(page, { name: NAME, expected: day(30),
			seen: 'Mor er sliten og alene, og gruer seg til fødselen.' });
		await checkA11y(page, 'the concern about an unborn child');
	});

	await step('level 2 opens a relay log before the birth', async () => {
		const decide = region('Avgjør veien videre');
		await decide.getByRole('radio', { name: /^Nivå 2:/ }).check();
		await decide.getByRole('textbox', { name: /^Hvorfor\?/ })
			.fill('Mor ønsker samarbeid med helsestasjonen før fødselen.');
		await submit(page, decide.getByRole('button', { name: 'Lagre avgjørelsen' }),
			{ redirected: true });
		log = expectPath(page, /^\/logs\/[A-Za-z0-9_-]{22}$/).pathname.split('/')[2];
		await expectText(page.getByRole('main'), 'ikke født ennå');
		await checkA11y(page, 'the relay log before the birth');
	});

	await step('the holder names an expectant parent, a wrong number first', async () => {
		const form = page.locator('form#expectant');
		const field = form.getByRole('textbox', { name: /^Fødselsnummeret til en vordende forelder/ });
		await field.fill('12345');
		await submit(page, form.getByRole('button', { name: 'Gi tilgang til stafettloggen' }),
			{ status: 422, redirected: false });
		await expectVisible(page.getByRole('alert'), 'the error summary');
		const again = page.locator('form#expectant')
			.getByRole('textbox', { name: /^Fødselsnummeret til en vordende forelder/ });
		if (await again.getAttribute('aria-invalid') !== 'true')
			fail('the wrong number is not marked invalid');
		await checkA11y(page, 'the expectant parent refused');
		await again.fill(nin('1993-02-03', 260));
		await submit(page, page.locator('form#expectant')
			.getByRole('button', { name: 'Gi tilgang til stafettloggen' }),
			{ redirected: true });
		await expectText(page.getByRole('status'), 'Den vordende forelderen er registrert');
	});

	await step('the birth is registered with the child’s number', async () => {
		const form = page.locator('form#birth');
		await form.getByRole('textbox', { name: /^Barnets navn/ }).fill('Ronja Vente');
		await form.getByRole('textbox', { name: /^Fødselsnummer/ })
			.fill(nin(day(-1), 500 + Math.floor(Math.random() * 400)));
		await submit(page, form.getByRole('button', { name: 'Registrer fødselen' }),
			{ redirected: true });
		expectPath(page, `/logs/${log}`);
		await expectVisible(page.getByRole('heading', { level: 1,
			name: 'Stafettlogg for Ronja Vente' }));
		if (await page.locator('form#expectant').count())
			fail('the expectant parents are still asked for after the birth');
		await checkA11y(page, 'the relay log after the birth');
	});
});
