// urgent.mjs: the urgent path, at 1280 and at 390 px wide. An employee
// writes down an urgent concern: the page after it leads with the call
// to the child welfare emergency service, 112 and a big button to the
// report of concern, not with the 14-day decision or "talk with the
// guardians first". The report opens filled in from the concern; sent
// as opened it asks only for what nobody has said yet, and once sent
// the concern's page says a report was made. The unit's leader writes
// one too: never told that "your leader" was alerted, and signs the
// report himself. JavaScript off (lib.mjs); every page is checked with
// axe-core.
//
// The messages of the urgent path are matched in bokmål or English, so
// the scenario runs before and after their translation reaches po/.
import {
	scenario, newContext, login, logout, goto, submit, checkA11y,
	expectText, expectNoText, expectPath, expectVisible, attribute, fail,
} from './lib.mjs';

const CALL = /Ring barnevernvakten nå|Phone the child welfare emergency service now/;
const REPORT = /Skriv bekymringsmeldingen til barneverntjenesten|Write the report of concern to child welfare/;
const NOT_FIRST = /ikke snakke? med foresatte om (det|den) først|not talk with the guardians about it first/;
const LEADS = /Du leder enheten|You lead the unit/;
const REPORTED = /En bekymringsmelding til barneverntjenesten ble skrevet|A report of concern to child welfare was made/;
const GUARDIANS_FIRST = /Snakk med foresatte først|Talk with the guardians first/i;
const YOUR_LEADER = /Lederen din|Your leader|your leader/;

const WIDTHS = [
	{ width: 1280, height: 900 },
	{ width: 390, height: 844 },
];

function today() {
	return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' })
		.format(new Date());
}

// Nothing on the page is wider than the window (no sideways scrolling
// of what matters here).
async function fits(page, locator, what) {
	const width = page.viewportSize().width;
	const box = await locator.boundingBox();
	if (!box)
		fail(`${what}: not laid out`);
	if (box.x < 0 || box.x + box.width > width + 0.5)
		fail(`${what}: ${Math.round(box.x)}–${Math.round(box.x + box.width)} px, ` +
			`wider than the ${width} px window`);
}

// Write down an urgent concern about child in the form; lands on the
// receipt. Returns the concern's id.
async function writeUrgent(page, child, seen) {
	await goto(page, '/forms/concern');
	await page.getByRole('textbox', { name: /^Barnets navn/ }).fill(child);
	await page.getByLabel('Fødselsdato', { exact: true }).fill('2020-05-06');
	await page.getByRole('textbox', { name: /^Hva har du sett eller hørt\?/ })
		.fill(seen);
	await page.getByRole('group', { name: /^Hvor lenge har du vært bekymret\?/ })
		.getByRole('radio', { name: 'Noen dager' }).check();
	await page.getByRole('group', { name: /^Risikofaktorer/ })
		.getByRole('checkbox', { name: /^Alvorlige krenkelser/ }).check();
	await page.getByRole('group', { name: /^Er foresatte informert/ })
		.getByRole('radio', { name: 'Nei', exact: true }).check();
	await page.getByRole('textbox', { name: /^Hvorfor er ikke foresatte informert\?/ })
		.fill('Mistanke om vold hjemme.');
	await page.getByRole('checkbox', { name: /^Det haster: barnet kan være i fare nå/ })
		.check();
	await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
		{ redirected: true });
	return expectPath(page, /^\/concerns\/[A-Za-z0-9_-]{22}\?new=1$/)
		.pathname.split('/')[2];
}

// The receipt of an urgent concern: the call first, then the report.
async function checkReceipt(page, id, label) {
	const main = page.locator('main');
	const h1 = main.getByRole('heading', { level: 1 });
	if (await h1.count() !== 1)
		fail(`${label}: ${await h1.count()} level-1 headings`);
	await expectText(h1, CALL);
	// the first heading of the page is that one
	const first = main.locator('h1, h2, h3').first();
	if ((await first.innerText()).trim() !== (await h1.innerText()).trim())
		fail(`${label}: the first heading is "${await first.innerText()}"`);
	const call = main.getByRole('region', { name: CALL });
	await expectVisible(call, 'the call-out');
	await expectText(call, '112', NOT_FIRST);
	// the first link of the page's content dials the emergency service
	// (when the municipality gave its number) or opens the report
	const href = await attribute(main.locator('a').first(), 'href');
	if (!href.startsWith('tel:') && href !== `/forms/cw-report?concern=${id}`)
		fail(`${label}: the first link is ${href}`);
	const button = call.getByRole('link', { name: REPORT });
	await expectVisible(button, 'the big button to the report of concern');
	if (await attribute(button, 'href') !== `/forms/cw-report?concern=${id}`)
		fail(`${label}: the report button goes to ${await attribute(button, 'href')}`);
	// the call-out comes before the receipt, on the screen too
	const receipt = main.getByRole('status');
	const a = await call.boundingBox(), b = await receipt.boundingBox();
	if (!a || !b || a.y >= b.y)
		fail(`${label}: the receipt is above the call-out`);
	await fits(page, button, `${label}: the report button`);
	await fits(page, call, `${label}: the call-out`);
	await expectNoText(main, GUARDIANS_FIRST);
	return button;
}

// The error summary's links, as the ids of their fields.
async function refused(page) {
	const summary = page.getByRole('alert').filter({
		has: page.getByRole('heading', { name: /Skjemaet kunne ikke sendes/ }),
	});
	await expectVisible(summary, 'the error summary');
	const links = summary.getByRole('link');
	const ids = [];
	for (let i = 0; i < await links.count(); i++)
		ids.push((await attribute(links.nth(i), 'href')).replace(/^#/, ''));
	return ids.sort();
}

function sameSet(got, want, what) {
	const w = [...want].sort();
	if (JSON.stringify(got) !== JSON.stringify(w))
		fail(`${what}: refused for ${got.join(', ')}; expected ${w.join(', ')}`);
}

await scenario('urgent', async ({ browser, step }) => {
	for (const viewport of WIDTHS) {
		const w = `${viewport.width} px`;
		const context = await newContext(browser, { viewport });
		const page = await context.newPage();
		const child = `Akutt Nettleser ${viewport.width}`;
		const seen = `Barnet hadde merker på halsen og sa at pappa tok hardt (${w}).`;
		let id;

		await step(`${w}: ansatt writes down an urgent concern`, async () => {
			await login(page, 'ansatt');
			await goto(page, '/forms/concern');
			// the form itself says to phone first
			await expectText(page, /barnevernvakten/, '112');
			await checkA11y(page, `the concern form at ${w}`);
			id = await writeUrgent(page, child, seen);
		});

		await step(`${w}: the receipt leads with the call and the report`, async () => {
			await checkReceipt(page, id, `the employee's receipt at ${w}`);
			await expectText(page.getByRole('status'), /Lederen din er varslet|Your leader has been alerted/);
			await checkA11y(page, `the urgent receipt at ${w}`);
		});

		await step(`${w}: the report of concern, filled in from the concern`, async () => {
			await submit(page, page.getByRole('link', { name: REPORT }));
			expectPath(page, '/forms/cw-report');
			const form = page.locator('form[action^="/forms/cw-report"]');
			const value = async (name) => form.locator(`[name="${name}"]`).first().inputValue();
			const want = {
				'/cw_report/reporter/name': 'Ingrid Solberg',
				'/cw_report/reporter/unit': 'Fagerli barnehage',
				'/cw_report/child/name': child,
				'/cw_report/child/birthdate': '2020-05-06',
				'/cw_report/date': today(),
			};
			for (const [name, v] of Object.entries(want))
				if (await value(name) !== v)
					fail(`${name} is "${await value(name)}", expected "${v}"`);
			if (!(await value('/cw_report/concern')).includes(seen))
				fail('the report does not say what the concern said');
			if (!(await form.getByRole('checkbox', { name: /^Det haster/ }).isChecked()))
				fail('the report is not marked urgent');
			if (!(await form.getByRole('radio', { name: 'Ansatt i barnehage' }).isChecked()))
				fail('the reporter’s role is not filled in');
			if (!(await form.getByRole('checkbox', { name: /^Alvorlige krenkelser/ }).isChecked()))
				fail('the risk factors are not filled in');
			await checkA11y(page, `the prefilled report of concern at ${w}`);
		});

		await step(`${w}: sent as opened, it asks only what nobody knows yet`, async () => {
			const phone = page.getByRole('textbox', { name: /^Telefon/ });
			const hadPhone = (await phone.inputValue()) !== '';
			await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
				{ status: 422, redirected: false });
			const want = ['f-cw_report-leader-name'];
			if (!hadPhone)
				want.push('f-cw_report-reporter-phone');
			sameSet(await refused(page), want, 'the report sent as opened');
			await checkA11y(page, `the report of concern with its errors at ${w}`);
			if (!hadPhone)
				await phone.fill('912 34 567');
			await page.getByRole('group', { name: 'Underskrift', exact: true })
				.getByRole('textbox', { name: /^Leder som medundertegner/ }).fill('Per Hansen');
			await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
				{ redirected: true });
			expectPath(page, `/concerns/${id}`);
			const call = page.locator('main').getByRole('region', { name: /Det haster|Urgent/ });
			await expectText(call, REPORTED);
			if (await call.getByRole('link', { name: REPORT }).count())
				fail('the call-out still offers a report after one was made');
			await checkA11y(page, `the urgent concern once reported at ${w}`);
			await logout(page);
		});

		await step(`${w}: the leader writes one: he decides, nobody "your leader"`, async () => {
			await login(page, 'leder');
			const mine = await writeUrgent(page, `${child} To`, seen);
			await checkReceipt(page, mine, `the leader's receipt at ${w}`);
			await expectNoText(page.locator('main'), YOUR_LEADER);
			await expectText(page.getByRole('status'), LEADS);
			await checkA11y(page, `the leader's urgent receipt at ${w}`);
			await submit(page, page.getByRole('link', { name: REPORT }));
			// the leader who reports is the leader who signs
			const sign = page.getByRole('group', { name: 'Underskrift', exact: true });
			const signer = await sign.getByRole('textbox',
				{ name: /^Leder som medundertegner/ }).inputValue();
			if (signer !== 'Per Hansen')
				fail(`the leader's report is signed by "${signer}"`);
			await checkA11y(page, `the leader's prefilled report at ${w}`);
			await logout(page);
		});
		await context.close();
	}
});
