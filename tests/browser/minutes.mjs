// minutes.mjs: the holder writes the minutes of a meeting, as issue 16
// asks of the journey: in the demo relay log (DEMO-0001, Sara Hansen,
// held by Ingrid Solberg, with the health nurse Nina Berg taking part)
// she plans a meeting, opens its minutes and finds them started with
// what the meeting says (date, time, place, agenda, who is invited),
// chooses the responsible person of a measure from the list of the
// log's holder and participants instead of typing a name, sends the
// minutes as a draft, edits the draft (what she wrote is there) and
// makes the minutes final; the measure is then in the log with its
// responsible person. Once at 1280 px and once at 390 px wide (a
// phone), JavaScript off as lib.mjs has it; every page is checked with
// axe-core.
import {
	scenario, newContext, login, logout, submit, checkA11y,
	expectText, expectPath, expectVisible, fail,
	day,
} from './lib.mjs';

const CHILD = 'Sara Hansen';
const HOLDER = 'Ingrid Solberg';	// ansatt, Fagerli barnehage
const NURSE = 'Nina Berg';		// helsesykepleier, a participant

// Choose the one option of a select whose text contains `text`.
async function choose(select, text) {
	const option = select.locator('option', { hasText: text });
	const n = await option.count();
	if (n !== 1)
		fail(`${select}: ${n} options with "${text}", expected one`);
	await select.selectOption(await option.getAttribute('value'));
}

async function expectValue(locator, expected, what) {
	const value = await locator.inputValue();
	if (value !== expected)
		fail(`${what}: "${value}", expected "${expected}"`);
}

// The text of the option chosen in a select.
async function chosen(select) {
	return (await select.locator('option:checked').innerText()).trim();
}

// The minutes' page, with the confirmation of what was just done.
const MINUTES = /^\/minutes\/[A-Za-z0-9_-]{22}(\?done=[a-z-]+)?$/;

// What this run writes is its own (the demo log keeps every run's).
const RUN = Date.now().toString(36).slice(-6);

async function journey(page, width, step) {
	const at = (what) => `${what} (${width} px)`;
	const place = `Møterom ${width}-${RUN}, Fagerli barnehage`;
	const agenda = `Hvordan går morgenene nå? (${width}-${RUN})`;
	const measure = `Fast voksen tar imot Sara i garderoben (${width}-${RUN})`;
	const region = (name) => page.getByRole('region', { name, exact: true });
	const group = (name) => page.getByRole('group', { name, exact: true });

	await step(at('the holder plans a meeting in the relay log'), async () => {
		await login(page, 'ansatt');
		await checkA11y(page, at('the holder’s start page'));
		await submit(page, page.getByRole('link', { name: CHILD, exact: true }).first());
		expectPath(page, /^\/logs\/[A-Za-z0-9_-]{22}$/);
		await checkA11y(page, at('the relay log'));
		const meetings = region('Møter og referater');
		await meetings.getByText('Planlegg et møte').click();
		await meetings.getByLabel(/^Dato/).fill(day(1));
		await meetings.getByLabel(/^Klokkeslett/).fill('10:15');
		await meetings.getByRole('textbox', { name: /^Sted/ }).fill(place);
		await meetings.getByRole('textbox', { name: /^Saksliste/ }).fill(agenda);
		await checkA11y(page, at('the relay log with the meeting form open'));
		await submit(page, meetings.getByRole('button', { name: 'Planlegg møtet' }),
			{ redirected: true });
		await expectText(region('Møter og referater'), place, agenda, NURSE);
		await checkA11y(page, at('the relay log with the meeting planned'));
	});

	await step(at('its minutes open with what the meeting says'), async () => {
		const card = region('Møter og referater').getByRole('listitem')
			.filter({ hasText: place });
		await submit(page, card.getByRole('link', { name: /^Skriv referatet/ }));
		expectPath(page, '/forms/minutes');
		await expectVisible(page.getByRole('heading', { level: 1, name: 'Møtereferat' }));
		const meeting = group('Møtet');
		await expectValue(meeting.getByLabel(/^Dato/), day(1), 'the date');
		await expectValue(meeting.getByLabel(/^Klokkeslett/), '10:15', 'the time');
		await expectValue(meeting.getByRole('textbox', { name: /^Sted/ }), place,
			'the place');
		await expectValue(page.getByRole('textbox', { name: /^Saksliste/ }), agenda,
			'the agenda');
		// the invited: the holder first, in her role, then the nurse
		const first = group('Deltaker 1');
		await expectValue(first.getByRole('textbox', { name: /^Navn/ }), HOLDER,
			'the first participant');
		if (await chosen(first.getByRole('combobox', { name: /^Rolle i møtet/ })) !==
			'Stafettholder')
			fail('the holder is not in the role of holder');
		await expectValue(group('Deltaker 2').getByRole('textbox', { name: /^Navn/ }),
			NURSE, 'the second participant');
		await checkA11y(page, at('the minutes form, prefilled'));
	});

	await step(at('she writes them and chooses the responsible from the list'), async () => {
		await page.getByRole('textbox', { name: /^Barnets stemme/ })
			.fill('Sara sier at morgenene er bedre når hun får gå rett inn.');
		await page.getByRole('textbox', { name: /^Hva ble drøftet\?/ })
			.fill('Morgenene går bedre. Måltidene er fortsatt vanskelige.');
		const row = group('Tiltak 1');
		await row.getByRole('textbox', { name: /^Hva skal gjøres\?/ }).fill(measure);
		await row.getByRole('textbox', { name: /^Mål/ })
			.fill('Rolige morgener og levering uten gråt');
		// a choice among the log's people, not a name to type
		const responsible = row.getByRole('combobox', { name: /^Ansvarlig/ });
		await expectText(responsible, HOLDER, NURSE);
		await choose(responsible, NURSE);
		await row.getByLabel(/^Startdato/).fill(day(1));
		await row.getByLabel(/^Evalueringsdato/).fill(day(40));
		await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
			{ redirected: true });
		expectPath(page, MINUTES);
		await expectText(page, /utkast/i, measure, NURSE);
		await checkA11y(page, at('the draft minutes'));
	});

	await step(at('"edit the draft" opens what the draft holds'), async () => {
		await submit(page, page.getByRole('link', { name: 'Endre utkastet' }));
		expectPath(page, '/forms/minutes');
		const row = group('Tiltak 1');
		await expectValue(row.getByRole('textbox', { name: /^Hva skal gjøres\?/ }),
			measure, 'the measure');
		const responsible = row.getByRole('combobox', { name: /^Ansvarlig/ });
		if (!(await chosen(responsible)).startsWith(NURSE))
			fail(`the responsible chosen is "${await chosen(responsible)}", ` +
				`expected ${NURSE}`);
		await expectValue(group('Møtet').getByRole('textbox', { name: /^Sted/ }),
			place, 'the place');
		await checkA11y(page, at('the draft, edited'));
		await page.getByRole('textbox', { name: /^Foresattes syn/ })
			.fill('Mor er fornøyd med at Sara blir tatt imot i garderoben.');
		await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
			{ redirected: true });
		expectPath(page, MINUTES);
		await expectText(page, 'Mor er fornøyd med at Sara blir tatt imot', measure);
		await checkA11y(page, at('the draft minutes, edited'));
	});

	await step(at('she makes the minutes final'), async () => {
		await submit(page, page.getByRole('button', { name: 'Gjør endelig' }));
		expectPath(page, MINUTES);
		await expectVisible(page.getByRole('status'), 'the confirmation');
		await expectText(page.getByRole('status').first(), 'Referatet er endelig',
			'de foresatte kan lese det');
		// (the tag is shown in capitals, hence the case-blind match)
		await expectText(page, /endelig/i, measure, NURSE);
		await checkA11y(page, at('the final minutes'));
		await submit(page, page.getByRole('link', { name: 'Tilbake til stafettloggen' }));
		await expectText(region('Tiltak').getByRole('listitem')
			.filter({ hasText: measure }), NURSE);
		await checkA11y(page, at('the relay log with the new measure'));
	});

	await step(at('log out'), () => logout(page));
}

await scenario('minutes', async ({ browser, page, step }) => {
	await journey(page, 1280, step);
	const phone = await (await newContext(browser,
		{ viewport: { width: 390, height: 844 } })).newPage();
	await journey(phone, 390, step);
});
