// caselog.mjs: one child's relay log in the browser, the key steps of
// tests/system/test_caselog.py as the people in it do them: a concern
// decided to level 2 opens the log; the holder records a consent, adds
// participants, a measure and a meeting; a handover is refused, asked
// again and accepted; the guardian reads the log, adds a bright spot,
// reads the access log and withdraws the consent (PPT loses access);
// the new holder closes the log and the archive copy is read; the
// guardian answers the meeting invitation and, at the end, tells the
// service how the cooperation went. Every
// page is checked with axe-core.
//
// Four people at once, each in their own context: the employee (later
// the guardian, in the same browser), the health nurse and PPT. One
// step has no UI and uses SQL: the link between the child and the
// guardian's account, which in production comes from the population
// register (needs STAFETT_TEST_DIR, as the system tests set it).
import {
	scenario, newContext, login, logout, goto, submit, checkA11y,
	expectText, expectNoText, expectPath, expectVisible, fail, sql,
	day, writeConcern,
} from './lib.mjs';

const CHILD = 'Vilde Nettleser';
const BIRTH = '2015-03-14';
const NURSE = 'Nina Berg';		// helsesykepleier, at the health clinic
const PPT = 'Ola Nilsen';		// ppt
const HOLDER = 'Ingrid Solberg';	// ansatt, Fagerli barnehage

// A YYYY-MM-DD date as the pages write it (31.03.2026).
function norsk(ymd) {
	return ymd.split('-').reverse().join('.');
}

// Choose the one option of a select whose text contains `text`.
async function choose(select, text) {
	const option = select.locator('option', { hasText: text });
	const n = await option.count();
	if (n !== 1)
		fail(`${select}: ${n} options with "${text}", expected one`);
	await select.selectOption(await option.getAttribute('value'));
}

// The value of a fact in the log's head ("Stafettholder", "Nivå", ...).
function fact(page, term) {
	return page.locator('dl.case-facts').locator(
		`xpath=dt[normalize-space() = "${term}"]/following-sibling::dd[1]`);
}

// The log's id from the address the decision led to.
function logId(page) {
	return expectPath(page, /^\/logs\/[A-Za-z0-9_-]{22}$/).pathname.split('/')[2];
}

await scenario('caselog', async ({ browser, page, step }) => {
	let log, ref;		// the log's id (in addresses) and its reference
	const logPath = () => `/logs/${log}`;
	const region = (p, name) => p.getByRole('region', { name, exact: true });

	await step('the login page', async () => {
		await goto(page, '/');
		expectPath(page, '/login');
		await checkA11y(page, 'the login page');
	});

	await step('ansatt writes a concern about a named child', async () => {
		await login(page, 'ansatt');
		await expectText(page, 'Startside', HOLDER);
		await checkA11y(page, 'the employee’s start page');
		await submit(page, page.getByRole('link', { name: 'Skriv ned en bekymring' }));
		expectPath(page, '/forms/concern');
		await checkA11y(page, 'the concern form');
		await writeConcern(page, { name: CHILD, birth: BIRTH,
			seen: 'Vilde gråter ofte ved levering og vil ikke spise i barnehagen.' });
		await expectText(page, 'Bekymringen er registrert', CHILD);
		await checkA11y(page, 'the concern page');
	});

	await step('level 2 with a reason opens the relay log', async () => {
		const decide = region(page, 'Avgjør veien videre');
		await decide.getByRole('radio', { name: /^Nivå 2:/ }).check();
		await decide.getByRole('textbox', { name: /^Hvorfor\?/ })
			.fill('Foreldrene ønsker samarbeid med helsestasjonen.');
		await submit(page, decide.getByRole('button', { name: 'Lagre avgjørelsen' }),
			{ redirected: true });
		log = logId(page);
		ref = (await fact(page, 'Referanse').innerText()).trim();
		await expectVisible(page.getByRole('heading', { level: 1,
			name: `Stafettlogg for ${CHILD}` }));
		await expectText(fact(page, 'Barn'), CHILD, `født ${norsk(BIRTH)}`);
		await expectText(fact(page, 'Nivå'), /^Nivå 2/);
		await expectText(fact(page, 'Stafettholder'), HOLDER);
		const guide = region(page, 'Hvor saken står');
		await expectText(guide, /Nivå 2/);
		// the next step is marked as the current one (its tag is shown in
		// capitals, hence the case-blind match)
		await expectText(guide.locator('[aria-current="step"]'), /neste steg/i,
			'Innhent samtykke fra foresatte');
		await checkA11y(page, 'the relay log (holder)');
	});

	await step('the holder records a consent in the consent form', async () => {
		await submit(page, page.locator(`a[href="/forms/consent?log=${log}"]`).first());
		expectPath(page, '/forms/consent');
		await expectVisible(page.getByRole('heading', { level: 1,
			name: 'Samtykke til tverrfaglig samarbeid' }));
		await checkA11y(page, 'the consent form');
		await page.getByRole('group', { name: 'Barnet', exact: true })
			.getByRole('textbox', { name: /^Barnets navn/ }).fill(CHILD);
		await page.getByLabel(/^Fødselsdato/).fill(BIRTH);
		const guardian = (n) => page.getByRole('group', { name: `Foresatt ${n}`, exact: true });
		const fillGuardian = async (n, name, relation) => {
			await guardian(n).getByRole('textbox', { name: /^Navn/ }).fill(name);
			await guardian(n).getByRole('radio', { name: relation, exact: true }).check();
			await guardian(n).getByRole('checkbox', { name: 'Har foreldreansvar for barnet' })
				.check();
		};
		await fillGuardian(1, 'Line Hansen', 'Mor');
		// A second guardian: the server adds the row (no JavaScript) and
		// keeps what was typed.
		await submit(page, page.getByRole('button', { name: 'Legg til foresatt' }));
		await fillGuardian(2, 'Per Nettleser', 'Far');
		if (await guardian(1).getByRole('textbox', { name: /^Navn/ }).inputValue() !==
			'Line Hansen')
			fail('the first guardian was lost when a row was added');
		const services = page.getByRole('group', { name: /^Tjenester som kan delta/ });
		// the services themselves: Familiesenteret's health clinic, where
		// the nurse works, and PPT Larvik
		await services.getByRole('checkbox', { name: 'Familiesenteret, helsestasjonen Larvik sentrum' })
			.check();
		await services.getByRole('checkbox', { name: 'PPT Larvik' })
			.check();
		await page.getByRole('textbox', { name: /^Formålet med samarbeidet/ })
			.fill('Barnehagen, helsestasjonen og PPT finner sammen med foreldrene ' +
				'ut hvorfor Vilde ikke spiser, og hva som hjelper henne.');
		await page.getByLabel(/^Gjelder fra/).fill(day(0));
		await page.getByLabel(/^Gjelder til og med/).fill(day(90));
		await page.getByRole('group', { name: /^Hvordan er samtykket gitt\?/ })
			.getByRole('radio', { name: 'Digitalt' }).check();
		await page.getByRole('checkbox', { name: /^De som samtykker, er informert/ }).check();
		await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
			{ redirected: true });
		// the new consent, then the log with it
		expectPath(page, /^\/consents\/[A-Za-z0-9_-]{22}$/);
		await expectText(page, 'Familiesenteret, helsestasjonen Larvik sentrum og PPT Larvik',
			`${norsk(day(0))} til ${norsk(day(90))}`);
		await checkA11y(page, 'the consent page');
		await submit(page, page.getByRole('link', { name: 'Tilbake til stafettloggen' }));
		await expectText(region(page, 'Samtykker'),
			'Familiesenteret, helsestasjonen Larvik sentrum og PPT Larvik', /gyldig/i);
	});

	await step('the holder adds participants, a measure and a meeting', async () => {
		const participants = region(page, 'Deltakere');
		for (const who of [NURSE, PPT]) {
			await participants.getByText('Legg til en deltaker').click();
			await choose(participants.getByLabel(/^Person/).first(), who);
			if (who === NURSE)
				await checkA11y(page, 'the relay log with the participant form open');
			await submit(page, participants.getByRole('button', { name: 'Legg til deltakeren' }),
				{ redirected: true });
			await expectText(participants.getByRole('row', { name: new RegExp(who) }),
				'Deltaker', 'Har tilgang');
		}

		// sent half-filled, the form comes back open, the error tied to
		// its field and what was typed kept
		const measures = region(page, 'Tiltak');
		await measures.getByText('Legg til et tiltak').click();
		await measures.getByRole('textbox', { name: /^Hva skal gjøres\?/ })
			.fill('Fast voksen ved måltidene');
		await submit(page, measures.getByRole('button', { name: 'Legg til tiltaket' }),
			{ status: 422, redirected: false });
		await expectVisible(page.getByRole('alert'), 'the error summary');
		const goal = measures.getByRole('textbox', { name: /^Hva skal tiltaket oppnå\?/ });
		if (await goal.getAttribute('aria-invalid') !== 'true')
			fail('the missing goal is not marked invalid');
		await checkA11y(page, 'the relay log with errors in the measure form');
		await goal.fill('Vilde spiser lunsj i barnehagen');
		await choose(measures.getByLabel(/^Ansvarlig/), NURSE);
		await measures.getByLabel(/^Startdato/).fill(day(0));
		await measures.getByLabel(/^Evalueringsdato/).fill(day(30));
		await submit(page, measures.getByRole('button', { name: 'Legg til tiltaket' }),
			{ redirected: true });
		await expectText(region(page, 'Tiltak').getByRole('listitem')
			.filter({ hasText: 'Fast voksen ved måltidene' }),
		'Vilde spiser lunsj i barnehagen', NURSE, norsk(day(30)));

		const meetings = region(page, 'Møter og referater');
		await meetings.getByText('Planlegg et møte').click();
		await meetings.getByLabel(/^Dato/).fill(day(3));
		await meetings.getByLabel(/^Klokkeslett/).fill('09:30');
		await meetings.getByRole('textbox', { name: /^Sted/ }).fill('Fagerli barnehage');
		await meetings.getByRole('textbox', { name: /^Saksliste/ })
			.fill('Hvordan går måltidene? Foreldrene deltar.');
		await checkA11y(page, 'the relay log with the meeting form open');
		await submit(page, meetings.getByRole('button', { name: 'Planlegg møtet' }),
			{ redirected: true });
		await expectText(region(page, 'Møter og referater'), norsk(day(3)),
			'Fagerli barnehage', 'Hvordan går måltidene?', NURSE);
	});

	// The nurse and PPT in their own browsers, at the same time.
	const nurse = await (await newContext(browser)).newPage();
	const ppt = await (await newContext(browser)).newPage();

	// The holder fills the handover form to the nurse.
	const askHandover = async (why) => {
		await goto(page, logPath());
		await submit(page, page.locator(`a[href="/forms/handover?log=${log}"]`).first());
		expectPath(page, '/forms/handover');
		await choose(page.getByRole('combobox', { name: /^Ny stafettholder/ }), NURSE);
		// the person is chosen once: no name and unit to type again
		if (await page.getByRole('group', { name: 'Ny stafettholder' }).count())
			fail('the handover form asks for the new holder again');
		await page.getByRole('textbox', { name: /^Hvorfor overføres rollen\?/ }).fill(why);
		await page.getByLabel(/^Planlagt dato for overføring/).fill(day(0));
	};

	await step('the holder asks the nurse to take over', async () => {
		await askHandover('Tiltakene handler mest om mat og helse nå.');
		await checkA11y(page, 'the handover form');
		await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
			{ redirected: true });
		expectPath(page, /^\/handovers\/[A-Za-z0-9_-]{22}$/);
		await expectText(page.getByRole('status'), 'Overføringen er foreslått');
		await expectText(page, /venter på svar/i, NURSE);
		await checkA11y(page, 'the handover page (who asked)');
		await goto(page, logPath());
		await expectText(region(page, 'En overføring venter på svar'),
			`${HOLDER} har bedt ${NURSE} overta`);
	});

	await step('the nurse sees it on her start page and the log, and refuses', async () => {
		await login(nurse, 'helsesykepleier');
		await expectText(region(nurse, 'Overføringer som venter på svar fra deg'),
			`${HOLDER} ber deg overta stafettlogg ${ref}`);
		await checkA11y(nurse, 'the nurse’s start page');
		await goto(nurse, logPath());
		const box = region(nurse, 'En overføring venter på svar');
		await expectText(box, `${HOLDER} har bedt deg overta`);
		// a refusal needs a reason
		await box.getByText('Avslå overføringen').click();
		await submit(nurse, box.getByRole('button', { name: 'Avslå', exact: true }),
			{ status: 422 });
		await expectText(nurse, 'Skriv hvorfor du avslår');
		await checkA11y(nurse, 'the refusal sent without a reason');
		await goto(nurse, logPath());
		await box.getByText('Avslå overføringen').click();
		await box.getByRole('textbox', { name: /^Hvorfor avslår du\?/ })
			.fill('Jeg har ikke kapasitet før etter ferien');
		await checkA11y(nurse, 'the relay log (participant, refusing the handover)');
		await submit(nurse, box.getByRole('button', { name: 'Avslå', exact: true }),
			{ redirected: true });
		expectPath(nurse, /^\/handovers\/[A-Za-z0-9_-]{22}$/);
		await expectText(nurse.getByRole('status'), 'Du har sagt nei til overføringen');
		await expectText(nurse, /avslått/i, 'Jeg har ikke kapasitet før etter ferien');
		await checkA11y(nurse, 'the refused handover');
	});

	await step('the holder is unchanged and asks again; the nurse accepts', async () => {
		await goto(page, logPath());
		await expectText(fact(page, 'Stafettholder'), HOLDER);
		await expectText(region(page, 'Tidslinje'),
			`${NURSE} avslo overføringen: Jeg har ikke kapasitet før etter ferien`);
		await expectNoText(page, 'En overføring venter på svar');
		await askHandover('Helsestasjonen har nå hovedansvaret for tiltakene.');
		await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
			{ redirected: true });

		await goto(nurse, '/');
		await submit(nurse, region(nurse, 'Overføringer som venter på svar fra deg')
			.getByRole('link', { name: new RegExp(`overta stafettlogg ${ref}`) }));
		expectPath(nurse, /^\/handovers\/[A-Za-z0-9_-]{22}$/);
		await expectText(nurse, 'Helsestasjonen har nå hovedansvaret for tiltakene.');
		await checkA11y(nurse, 'the handover page (the proposed holder)');
		await submit(nurse, nurse.getByRole('button', { name: 'Godta: Jeg overtar stafettloggen' }),
			{ redirected: true });
		expectPath(nurse, logPath());
		await expectText(fact(nurse, 'Stafettholder'), NURSE);
		await expectNoText(nurse, 'En overføring venter på svar');
		await checkA11y(nurse, 'the relay log (the new holder)');
		await goto(page, logPath());
		await expectText(fact(page, 'Stafettholder'), NURSE);
		await expectText(fact(page, 'Din rolle'), /^deltaker/i);
	});

	await step('PPT, covered by the consent, reads the log', async () => {
		await login(ppt, 'ppt');
		await checkA11y(ppt, 'the PPT counsellor’s start page');
		await goto(ppt, logPath());
		await expectText(fact(ppt, 'Stafettholder'), NURSE);
	});

	await step('the guardian reads the log and adds a bright spot', async () => {
		// No UI for this: in production the population register says
		// who the child's guardians are.
		sql(`INSERT IGNORE INTO child_person (child_id, user_id, relation)
			SELECT l.child_id, u.id, 'guardian' FROM relay_log l, app_user u
			WHERE l.public_id = '${log}' AND u.username = 'forelder'`);
		await logout(page);
		await login(page, 'forelder');
		await expectText(page.getByRole('main'), CHILD);
		await checkA11y(page, 'the guardian’s start page');
		await submit(page, page.locator(`main a[href="/logs/${log}"]`).first());
		expectPath(page, logPath());
		await expectText(fact(page, 'Stafettholder'), NURSE);
		await checkA11y(page, 'the relay log (guardian)');
		const note = page.locator('form#note');
		await note.getByRole('radio', { name: /Et lysglimt/ }).check();
		await note.getByRole('textbox', { name: /^Tekst/ })
			.fill('Vilde spiste hele matpakken sin i dag!');
		await submit(page, note.getByRole('button', { name: 'Legg til i loggen' }),
			{ redirected: true });
		await expectText(region(page, 'Tidslinje'),
			/Lysglimt · .* · Line Hansen, som foresatt/,
			'Vilde spiste hele matpakken sin i dag!');
	});

	await step('the guardian answers the meeting invitation', async () => {
		// The meeting was planned before the child's number was known
		// here (the family is invited through the log only with it):
		// invited as the family by hand, as the checkbox would.
		sql(`UPDATE meeting m JOIN relay_log l ON l.id = m.log_id
			SET m.family_invited = 1 WHERE l.public_id = '${log}'`);
		await goto(page, logPath());
		const meetings = region(page, 'Møter og referater');
		await expectText(meetings, 'Familien: foresatte, og ungdommen fra 15 år');
		const answer = meetings.locator('form[action$="/meetings/answer"]');
		await answer.getByRole('radio', { name: 'Jeg ber om et annet tidspunkt' }).check();
		await submit(page, answer.getByRole('button', { name: 'Send svaret' }),
			{ status: 422, redirected: false });
		await expectVisible(page.getByRole('alert'), 'the error summary');
		const again = region(page, 'Møter og referater')
			.locator('form[action$="/meetings/answer"]');
		const note = again.getByRole('textbox', { name: /^Melding til stafettholderen/ });
		if (await note.getAttribute('aria-invalid') !== 'true')
			fail('the missing note is not marked invalid');
		if (!await again.getByRole('radio', { name: 'Jeg ber om et annet tidspunkt' }).isChecked())
			fail('the answer chosen was not kept');
		await checkA11y(page, 'the meeting answer with an error (guardian)');
		await note.fill('Onsdager passer bedre for oss.');
		await submit(page, again.getByRole('button', { name: 'Send svaret' }),
			{ redirected: true });
		await expectText(region(page, 'Møter og referater'),
			'Line Hansen: ber om et annet tidspunkt', 'Onsdager passer bedre for oss.');
	});

	await step('the guardian reads the access log', async () => {
		await submit(page, page.locator(`a[href="/logs/${log}/access"]`));
		await expectVisible(page.getByRole('heading', { level: 1,
			name: 'Hvem som har lest og endret loggen' }));
		// everyone in a row each with their counts, then every entry
		for (const who of [NURSE, PPT]) {
			await expectVisible(region(page, 'Hvem som har sett og endret')
				.getByRole('row', { name: new RegExp(who) }).first());
			await expectText(region(page, 'Alle oppføringene')
				.getByRole('row', { name: new RegExp(who) }).first(), 'Leste');
		}
		await checkA11y(page, 'the access log');
	});

	await step('the guardian withdraws the consent, confirmed; PPT loses access', async () => {
		await goto(page, logPath());
		await submit(page, region(page, 'Samtykker')
			.getByRole('link', { name: 'Trekk tilbake samtykket' }));
		await expectText(page, 'Er du sikker på at du vil trekke tilbake dette samtykket?');
		await checkA11y(page, 'the consent withdrawal confirmation');
		await submit(page, page.getByRole('button', { name: 'Ja, trekk tilbake samtykket' }),
			{ redirected: true });
		expectPath(page, logPath());
		await expectText(region(page, 'Samtykker'), /trukket tilbake/i);
		// PPT is no longer a participant, and cannot open the log
		await expectNoText(region(page, 'Deltakere'), PPT);
		await expectText(region(page, 'Tidslinje'),
			`Deltar ikke lenger (samtykket ble trukket tilbake): ${PPT}`);
		await goto(ppt, logPath(), { status: 404 });
		await checkA11y(ppt, 'the forbidden page');
	});

	await step('the nurse closes the log; the archive copy', async () => {
		await goto(nurse, logPath());
		await submit(nurse, nurse.locator(`a[href="/forms/closing?log=${log}"]`).first());
		expectPath(nurse, '/forms/closing');
		await checkA11y(nurse, 'the closing-note form');
		await nurse.getByRole('group', { name: /^Årsak/ })
			.getByRole('radio', { name: 'Bekymringen er løst' }).check();
		await nurse.getByRole('textbox', { name: /^Hva har hjulpet barnet og familien\?/ })
			.fill('Faste voksne ved måltidene og tett kontakt med foreldrene.');
		await nurse.getByLabel(/^Dato for avslutning/).fill(day(0));
		await nurse.getByRole('checkbox', { name: /^Foresatte er informert/ }).check();
		await submit(nurse, nurse.getByRole('button', { name: 'Send', exact: true }),
			{ redirected: true });
		expectPath(nurse, logPath());
		await expectText(nurse, 'Denne stafettloggen er avsluttet.');
		await checkA11y(nurse, 'the closed relay log');
		await submit(nurse, nurse.getByRole('link', { name: 'Les arkivkopien' }).first());
		expectPath(nurse, `${logPath()}/archive`);
		await expectText(nurse, CHILD, 'Tidslinje', 'Vilde spiste hele matpakken sin i dag!',
			'Faste voksne ved måltidene', 'Fast voksen ved måltidene');
		await checkA11y(nurse, 'the archive copy');
	});

	await step('the guardian tells the service how the cooperation went', async () => {
		// asked on the start page, and on the closed log itself
		await goto(page, '/');
		await expectVisible(page.getByRole('link',
			{ name: /^Svar på noen spørsmål om samarbeidet med/ }).first(),
			'the question on the start page');
		await goto(page, logPath());
		await submit(page, page.getByRole('link',
			{ name: 'Fortell tjenesten hvordan samarbeidet gikk' }));
		expectPath(page, /^\/feedback\/[A-Za-z0-9_-]{22}$/);
		await expectText(page.getByRole('main'), 'uten ditt eller barnets navn');
		await checkA11y(page, 'the feedback form (guardian)');
		// nothing answered: said so, and nothing is sent
		await submit(page, page.getByRole('button', { name: 'Send svaret' }),
			{ status: 422, redirected: false });
		await expectVisible(page.getByRole('alert'), 'the error summary');
		await checkA11y(page, 'the feedback form with an error');
		await page.getByRole('group', { name: /^Vi ble lyttet til/ })
			.getByRole('radio', { name: '4 – enig' }).check();
		await page.getByRole('group', { name: /^Hjelpen gjorde en forskjell/ })
			.getByRole('radio', { name: '5 – helt enig' }).check();
		await page.getByRole('textbox', { name: /^Hva kunne tjenestene gjort bedre\?/ })
			.fill('Raskere svar fra PPT.');
		await submit(page, page.getByRole('button', { name: 'Send svaret' }),
			{ redirected: true });
		await expectText(page.getByRole('status'), 'Takk for tilbakemeldingen');
		await checkA11y(page, 'the feedback answered');
	});

	await step('log out', () => logout(page));
});
