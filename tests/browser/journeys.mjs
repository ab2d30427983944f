// journeys.mjs: the everyday journeys of issue 16 as their people walk
// them, at a laptop's width and a phone's (JavaScript off, as for every
// visitor): each important action is confirmed on the page it leads to;
// the holder's next step is to choose who takes part, not to hand over;
// the handover asks for the new holder once and the evaluation shows
// its measure instead of a copy to edit; a refused scan of a paper
// consent shows the consent page again with the error at the file field;
// switching language keeps the page and what was typed; the guardian
// sees the level in plain words and who to talk to, and writes to them.
// Every page is checked with axe-core.
//
// One step has no UI and uses SQL: the link between the child and the
// guardian's account, which in production comes from the population
// register.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
	scenario, newContext, login, goto, submit, checkA11y, expectText,
	expectNoText, expectPath, expectVisible, fail, sql,
	day, writeConcern,
} from './lib.mjs';

const HOLDER = 'Ingrid Solberg';	// ansatt, Fagerli barnehage

const region = (p, name) => p.getByRole('region', { name, exact: true });

async function choose(select, text) {
	const option = select.locator('option', { hasText: text });
	if (await option.count() !== 1)
		fail(`${select}: not exactly one option with "${text}"`);
	await select.selectOption(await option.getAttribute('value'));
}

// The confirmation on the page an action led to.
async function expectConfirmed(page, title, next) {
	const status = page.locator('main [role="status"]').first();
	await expectVisible(status, `the confirmation "${title}"`);
	await expectText(status, title, next);
}

// A page that scrolls sideways at this width is broken on a phone.
async function expectNoSideways(page, what) {
	const [scroll, inner] = await page.evaluate(
		'[document.documentElement.scrollWidth, window.innerWidth]');
	if (scroll > inner)
		fail(`${what} scrolls sideways: ${scroll} px wide in ${inner}`);
}

async function concernToLog(page, child, birth) {
	await goto(page, '/forms/concern');
	await writeConcern(page, { name: child, birth,
		seen: 'Barnet er stille og trekker seg unna de andre.' });
	const decide = region(page, 'Avgjør veien videre');
	await decide.getByRole('radio', { name: /^Nivå 2:/ }).check();
	await decide.getByRole('textbox', { name: /^Hvorfor\?/ })
		.fill('Foreldrene ønsker samarbeid.');
	await submit(page, decide.getByRole('button', { name: 'Lagre avgjørelsen' }),
		{ redirected: true });
	const url = expectPath(page, /^\/logs\/[A-Za-z0-9_-]{22}$/);
	return url.pathname.split('/')[2];
}

async function paperConsent(page, log, child, birth) {
	await goto(page, `/forms/consent?log=${log}`);
	const guardian = page.getByRole('group', { name: 'Foresatt 1', exact: true });
	await guardian.getByRole('textbox', { name: /^Navn/ }).fill('Kari Papir');
	await guardian.getByRole('radio', { name: 'Mor', exact: true }).check();
	await guardian.getByRole('checkbox', { name: 'Har foreldreansvar for barnet' }).check();
	await page.getByRole('group', { name: /^Tjenester som kan delta/ })
		.getByRole('checkbox', { name: 'Familiesenteret, helsestasjonen Larvik sentrum' })
		.check();
	await page.getByRole('textbox', { name: /^Formålet med samarbeidet/ })
		.fill('Barnehagen og helsestasjonen samarbeider med foreldrene.');
	await page.getByLabel(/^Gjelder til og med/).fill(day(90));
	await page.getByRole('group', { name: /^Hvordan er samtykket gitt\?/ })
		.getByRole('radio', { name: 'På papir' }).check();
	await page.getByRole('textbox', { name: /^Hvem signerte papirskjemaet\?/ })
		.fill('Kari Papir');
	await page.getByLabel(/^Dato for signering/).fill(day(0));
	await page.getByRole('checkbox', { name: /^De som samtykker, er informert/ }).check();
	await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
		{ redirected: true });
	const url = expectPath(page, /^\/consents\/[A-Za-z0-9_-]{22}$/);
	await expectConfirmed(page, 'Samtykket er registrert', 'Tjenestene det nevner');
	return url.pathname.split('/')[2];
}

await scenario('journeys', async ({ browser, step }) => {
	const pdf = join(tmpdir(), `stafett-scan-${process.pid}.pdf`);
	const exe = join(tmpdir(), `stafett-scan-${process.pid}.pdf.exe`);
	writeFileSync(pdf, '%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
	writeFileSync(exe, 'MZ\x90\x00 not a scan');

	for (const width of [1280, 390]) {
		const at = `${width} px`;
		const context = await newContext(browser, {
			viewport: { width, height: 900 } });
		const page = await context.newPage();
		const child = `Reise Nettleser ${width}`;
		const birth = '2017-04-04';
		let log;

		await step(`${at}: a level decided is confirmed; the next step is who takes part`, async () => {
			await login(page, 'ansatt');
			log = await concernToLog(page, child, birth);
			await expectConfirmed(page, 'Nivået er bestemt', 'Planlegg neste steg');
			await expectNoSideways(page, 'the relay log');
			await checkA11y(page, `the relay log after the decision (${at})`);
			const next = region(page, 'Hvor saken står').locator('[aria-current="step"]');
			await expectText(next, 'Innhent samtykke fra foresatte');
		});

		await step(`${at}: a refused scan shows the consent page again, not a dead end`, async () => {
			const consent = await paperConsent(page, log, child, birth);
			const scan = region(page, 'Det signerte papirskjemaet');
			await expectText(scan, 'høyst 10 MB');
			// sent with no file
			await submit(page, scan.getByRole('button', { name: 'Last opp' }),
				{ status: 422 });
			expectPath(page, `/consents/${consent}/attachment`);
			await expectText(page.getByRole('alert'), 'Velg det skannede samtykkeskjemaet');
			const file = page.getByLabel(/^Legg ved det skannede skjemaet/);
			if (await file.getAttribute('aria-invalid') !== 'true')
				fail('the file field is not marked invalid');
			const focused = await page.evaluate('document.activeElement && document.activeElement.id');
			if (focused !== 'scan-file')
				fail(`focus is on "${focused}", not the file field`);
			await checkA11y(page, `the consent page with the scan refused (${at})`);
			// a program named .pdf.exe: the bytes decide
			await file.setInputFiles(exe);
			await submit(page, region(page, 'Det signerte papirskjemaet')
				.getByRole('button', { name: 'Last opp' }), { status: 415 });
			await expectText(page.getByRole('alert'), 'ikke en PDF');
			await page.getByLabel(/^Legg ved det skannede skjemaet/).setInputFiles(pdf);
			await submit(page, region(page, 'Det signerte papirskjemaet')
				.getByRole('button', { name: 'Last opp' }), { redirected: true });
			expectPath(page, `/consents/${consent}`);
			await expectConfirmed(page, 'Det signerte samtykket er lastet opp',
				'De foresatte');
			await expectVisible(page.getByRole('link', { name: 'Last ned det skannede skjemaet' }));
			await checkA11y(page, `the consent page with the scan (${at})`);
		});

		await step(`${at}: the holder adds the nurse, from the next step`, async () => {
			await goto(page, `/logs/${log}`);
			const next = region(page, 'Hvor saken står').locator('[aria-current="step"]');
			await expectText(next, 'Avklar stafettholder');
			// the big button leads to the participants; handing over is
			// offered beside it, as a plain link
			await expectVisible(next.getByRole('link', { name: 'Velg hvem som skal delta' }));
			const cls = await next.getByRole('link', { name: 'Velg hvem som skal delta' })
				.getAttribute('class');
			if (!/primary/.test(cls || ''))
				fail('choosing participants is not the main action of the step');
			const over = next.getByRole('link', { name: /overfør loggen/ });
			if (/button/.test((await over.getAttribute('class')) || ''))
				fail('handing over is shown as a button');
			await next.getByRole('link', { name: 'Velg hvem som skal delta' }).click();
			const participants = region(page, 'Deltakere');
			await participants.getByText('Legg til en deltaker').click();
			await choose(participants.getByLabel(/^Person/).first(), 'Nina Berg');
			await submit(page, participants.getByRole('button', { name: 'Legg til deltakeren' }),
				{ redirected: true });
			await expectConfirmed(page, 'Deltakeren er lagt til', 'De foresatte kan se');
		});

		await step(`${at}: an evaluation shows its measure, not a copy to edit`, async () => {
			const measures = region(page, 'Tiltak');
			await measures.getByText('Legg til et tiltak').click();
			await measures.getByRole('textbox', { name: /^Hva skal gjøres\?/ })
				.fill('Lek i liten gruppe hver dag');
			await measures.getByRole('textbox', { name: /^Hva skal tiltaket oppnå\?/ })
				.fill('Barnet leker med de andre');
			await choose(measures.getByLabel(/^Ansvarlig/), HOLDER);
			await measures.getByLabel(/^Startdato/).fill(day(0));
			await measures.getByLabel(/^Evalueringsdato/).fill(day(30));
			await submit(page, measures.getByRole('button', { name: 'Legg til tiltaket' }),
				{ redirected: true });
			await expectConfirmed(page, 'Tiltaket er lagt til', 'påminnelse');
			await submit(page, region(page, 'Tiltak').getByRole('link',
				{ name: /Evaluer tiltaket\s*: Lek i liten gruppe/ }));
			expectPath(page, '/forms/evaluation');
			await expectText(page, 'Tiltaket: Lek i liten gruppe hver dag');
			if (await page.getByRole('textbox', { name: /^Tiltak som evalueres/ }).count())
				fail('the evaluation asks for the measure again');
			await expectNoText(page, 'Fylles ut fra tiltaket');
			await expectNoSideways(page, 'the evaluation form');
			await checkA11y(page, `the evaluation form (${at})`);
			await page.getByRole('group', { name: /^Har tiltaket virket\?/ })
				.getByRole('radio', { name: 'Delvis' }).check();
			await page.getByRole('textbox', { name: /^Hva har dere sett\?/ })
				.fill('Leker oftere med to av de andre.');
			await page.getByRole('group', { name: /^Neste steg/ })
				.getByRole('radio', { name: 'Fortsette tiltaket som før' }).check();
			await page.getByLabel(/^Ny evalueringsdato/).fill(day(40));
			await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
				{ redirected: true });
			await expectConfirmed(page, 'Evalueringen er lagret', 'ny evalueringsdato');
		});

		await step(`${at}: the handover asks for the person once, in any language`, async () => {
			await goto(page, `/forms/handover?log=${log}`);
			if (await page.getByRole('group', { name: 'Ny stafettholder' }).count())
				fail('the handover form asks for the new holder twice');
			await page.getByRole('textbox', { name: /^Hvorfor overføres rollen\?/ })
				.fill('Helsestasjonen leder tiltakene nå.');
			// sent without choosing: the error is at the list
			await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
				{ status: 422 });
			await expectText(page.getByRole('alert'), 'Ny stafettholder: Velg hvem som skal ta over.');
			await checkA11y(page, `the handover form refused (${at})`);
			await choose(page.getByRole('combobox', { name: /^Ny stafettholder/ }), 'Nina Berg');
			// switch to English: the page and what was typed stay
			await submit(page, page.getByRole('navigation', { name: 'Språk' })
				.getByRole('button', { name: 'English' }));
			await expectText(page, 'Handing over the relay holder role');
			const why = page.getByRole('textbox', { name: /^Why is the role handed over\?/ });
			if (await why.inputValue() !== 'Helsestasjonen leder tiltakene nå.')
				fail('switching language lost what was typed');
			await checkA11y(page, `the handover form in English (${at})`);
			await submit(page, page.getByRole('navigation', { name: 'Language' })
				.getByRole('button', { name: 'Nynorsk' }));
			await expectText(page, 'Overføring');
			await submit(page, page.getByRole('navigation', { name: 'Språk' })
				.getByRole('button', { name: 'Bokmål' }));
			await page.getByLabel(/^Planlagt dato for overføring/).fill(day(0));
			await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
				{ redirected: true });
			await expectConfirmed(page, 'Overføringen er foreslått', 'Du er stafettholder til');
			// on an ordinary page the language link keeps the page
			await goto(page, `/logs/${log}`);
			await submit(page, page.getByRole('navigation', { name: 'Språk' })
				.getByRole('link', { name: 'Nynorsk' }));
			expectPath(page, `/logs/${log}`);
			await expectText(page, `Stafettlogg for ${child}`);
			await checkA11y(page, `the relay log in nynorsk (${at})`);
			await submit(page, page.getByRole('navigation', { name: 'Språk' })
				.getByRole('link', { name: 'Bokmål' }));
		});

		await step(`${at}: the guardian sees the level in plain words and who to talk to`, async () => {
			sql(`INSERT IGNORE INTO child_person (child_id, user_id, relation)
				SELECT l.child_id, u.id, 'guardian' FROM relay_log l, app_user u
				WHERE l.public_id = '${log}' AND u.username = 'forelder'`);
			const family = await (await newContext(browser, {
				viewport: { width, height: 900 } })).newPage();
			await login(family, 'forelder');
			await goto(family, `/logs/${log}`);
			await expectText(family.locator('dl.case-facts'),
				'flere tjenester samarbeider med dere', 'Startet av');
			await expectNoText(family.locator('dl.case-facts'), 'Hjemmeenhet');
			const contact = region(family, 'Hvem du kan snakke med');
			await expectText(contact, `${HOLDER} i Fagerli barnehage samordner hjelpen`);
			await expectNoText(family, 'Styr saken');
			await expectNoSideways(family, 'the relay log (guardian)');
			await checkA11y(family, `the relay log (guardian, ${at})`);
			await contact.getByRole('link', { name: `Skriv til ${HOLDER} i loggen` }).click();
			const note = family.locator('form#note');
			await note.getByRole('textbox', { name: /^Tekst/ })
				.fill('Kan vi snakke sammen på fredag?');
			await submit(family, note.getByRole('button', { name: 'Legg til i loggen' }),
				{ redirected: true });
			await expectConfirmed(family, 'Det du skrev, står i loggen',
				'Stafettholderen');
			await expectText(region(family, 'Tidslinje'), 'Kan vi snakke sammen på fredag?');
			await checkA11y(family, `the relay log after writing (guardian, ${at})`);
			await family.context().close();
		});
		await context.close();
	}
});
