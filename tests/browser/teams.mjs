// teams.mjs: a discussion team in the browser (issue 20, item 3): the
// administrator adds the team (a name left empty first, refused with
// what was typed kept) and its members; its leader plans a meeting; an
// employee writes a concern and puts it on the meeting's agenda; a
// member finds the team on her start page, reads the concern without
// the child's name, is refused an empty advice and records the team's
// advice; the employee reads it on the concern. Then the red measure
// (issue 20, item 1): its leader finds the team full, is refused taking
// a waiting family in, keeps it first on the waiting list with the
// reason, and records the week's discussion of a family that is in;
// and a holder sees a child's siblings in the family's other relay logs
// (issue 20, item 2).
// Every page is checked with axe-core.
import {
	scenario, login, logout, submit, goto, checkA11y, expectText, writeConcern,
	expectNoText, expectPath, expectVisible, fail, day, sql,
} from './lib.mjs';

const RUN = String(Date.now()).slice(-8);
const TEAM = `Nettleserteam ${RUN}`;
const CHILD = `Lea Teamsak ${RUN}`;
const ADVICE = 'Snakk med foreldrene om det dere ser, og tilby en samtale med helsesykepleier.';

await scenario('teams', async ({ page, step }) => {
	const region = (name) => page.getByRole('region', { name, exact: true });
	let team, concern;

	await step('the administrator adds a team, an empty name first', async () => {
		await login(page, 'admin');
		await submit(page, page.getByRole('link', { name: /^Team: drøftingsteam/ }));
		expectPath(page, '/admin/teams');
		await checkA11y(page, 'the teams for the administrator');
		const form = region('Legg til et team');
		await form.getByRole('radio', { name: /^Drøftingsteam:/ }).check();
		await form.getByRole('textbox', { name: /^Hvor ofte|^Møtes/ })
			.fill('Hver tredje tirsdag');
		await submit(page, form.getByRole('button', { name: 'Legg til teamet' }),
			{ status: 422 });
		await expectText(page.getByRole('alert'), 'Gi teamet et navn');
		const kept = await region('Legg til et team')
			.getByRole('textbox', { name: /^Møtes/ }).inputValue();
		if (kept !== 'Hver tredje tirsdag')
			fail(`what was typed came back as "${kept}"`);
		await checkA11y(page, 'the team refused');
		const again = region('Legg til et team');
		await again.getByRole('textbox', { name: /^Navn/ }).fill(TEAM);
		await again.getByRole('radio', { name: /^Drøftingsteam:/ }).check();
		await submit(page, again.getByRole('button', { name: 'Legg til teamet' }),
			{ redirected: true });
		team = expectPath(page, /^\/admin\/teams\/[A-Za-z0-9_-]{22}$/)
			.pathname.split('/')[3];
		await expectText(page.getByRole('status'), 'Teamet er lagt til');
		await checkA11y(page, 'the new team');
	});

	await step('the administrator adds a member and a leader', async () => {
		for (const [user, role] of [['helsesykepleier', 'member'], ['leder', 'leader']]) {
			const members = region('Medlemmer');
			await members.getByRole('textbox', { name: /^Brukernavn/ }).fill(user);
			await members.getByRole('combobox', { name: /^Rolle i teamet/ })
				.selectOption(role);
			await submit(page, members.getByRole('button', { name: 'Legg til i teamet' }),
				{ redirected: true });
			await expectText(page.getByRole('status'), 'Personen er med i teamet');
		}
		await expectText(region('Medlemmer'), 'Nina Berg', 'Per Hansen');
		await checkA11y(page, 'the team with its members');
		await logout(page);
	});

	await step('the team’s leader plans a meeting', async () => {
		await login(page, 'leder');
		await goto(page, `/teams/${team}`);
		await checkA11y(page, 'the team for its leader');
		const plan = region('Planlegg et møte');
		await plan.getByLabel(/^Dato/).fill(day(7));
		await plan.getByLabel(/^Klokkeslett/).fill('13:00');
		await plan.getByRole('textbox', { name: /^Sted/ }).fill('Personalrommet');
		await submit(page, plan.getByRole('button', { name: 'Planlegg møtet' }),
			{ redirected: true });
		await expectText(page.getByRole('status'), 'Møtet er planlagt');
		await expectText(region('Møter'), 'Personalrommet', 'Ingenting står på sakslista');
		await logout(page);
	});

	await step('an employee puts a concern on the agenda', async () => {
		await login(page, 'ansatt');
		await submit(page, page.getByRole('link', { name: 'Skriv ned en bekymring' }));
		concern = await writeConcern(page, { name: CHILD, birth: '2021-03-04',
			seen: 'Lea trekker seg unna i lek og snakker lite med de andre barna.' });
		const discuss = region('Drøft saken anonymt i et team');
		const meeting = discuss.getByRole('combobox', { name: /^Sett den på sakslista til et teammøte/ });
		const option = meeting.locator('option', { hasText: TEAM });
		await meeting.selectOption(await option.getAttribute('value'));
		await submit(page, discuss.getByRole('button', { name: 'Sett den på sakslista' }),
			{ redirected: true });
		await expectText(page.getByRole('status'), 'Bekymringen står på sakslista');
		await expectText(region('Drøft saken anonymt i et team'), TEAM, /på sakslista/i);
		await checkA11y(page, 'the concern on the agenda');
		await logout(page);
	});

	await step('a member reads it without the child’s name and gives the team’s advice', async () => {
		await login(page, 'helsesykepleier');
		await expectText(region('Mine team'), TEAM);
		await submit(page, region('Mine team').getByRole('link', { name: TEAM }));
		expectPath(page, `/teams/${team}`);
		await checkA11y(page, 'the team’s agenda for a member');
		await submit(page, page.getByRole('link', { name: /^Les bekymringen \(anonym\)/ }));
		expectPath(page, `/concerns/${concern}/anonymous`);
		await expectText(page.getByRole('main'), 'Lea trekker seg unna');
		await expectNoText(page.getByRole('main'), CHILD, '2021');
		await checkA11y(page, 'the anonymous concern for a member');
		await goto(page, `/teams/${team}`);
		const advice = page.getByRole('textbox', { name: /^Rådene fra teamet/ });
		await submit(page, page.getByRole('button', { name: 'Lagre rådene' }),
			{ status: 422 });
		await expectVisible(page.getByRole('alert'), 'the error summary');
		if (await advice.getAttribute('aria-invalid') !== 'true')
			fail('the empty advice is not marked invalid');
		await checkA11y(page, 'the advice refused');
		await page.getByRole('textbox', { name: /^Rådene fra teamet/ }).fill(ADVICE);
		await submit(page, page.getByRole('button', { name: 'Lagre rådene' }),
			{ redirected: true });
		await expectText(page.getByRole('status'), 'Teamets råd er lagret');
		await expectText(region('Møter'), ADVICE, /drøftet/i);
		await logout(page);
	});

	await step('the employee reads the advice on the concern', async () => {
		await login(page, 'ansatt');
		await goto(page, `/concerns/${concern}`);
		await expectText(region('Drøft saken anonymt i et team'), ADVICE, /drøftet/i, 'Nina Berg');
		await checkA11y(page, 'the concern with the team’s advice');
		await logout(page);
	});

	await step('the red measure is full: a waiting family keeps its place', async () => {
		await login(page, 'nav');
		await submit(page, region('Mine team').getByRole('link', { name: /^Rødt tiltak/ }));
		const queue = region('Familier i teamet og på venteliste');
		await expectText(queue, '10 av 10 familier i teamet', /fullt/i, 'Vilde Haugen');
		await checkA11y(page, 'the red measure’s queue');
		await submit(page, queue.getByRole('link', { name: 'Vilde Haugen' }));
		expectPath(page, /^\/referrals\/[A-Za-z0-9_-]{22}$/);
		await checkA11y(page, 'a waiting family’s referral');
		const decide = region('Teamets avgjørelse');
		await decide.getByRole('radio', { name: 'Ta familien inn' }).check();
		await submit(page, decide.getByRole('button', { name: 'Lagre avgjørelsen' }),
			{ status: 422 });
		await expectText(page.getByRole('alert'), 'Teamet er fullt');
		await checkA11y(page, 'taking in refused: the team is full');
		const again = region('Teamets avgjørelse');
		await again.getByRole('radio', { name: 'Sett den på venteliste' }).check();
		await again.getByRole('textbox', { name: /^Plass på ventelisten/ }).fill('1');
		await again.getByRole('textbox', { name: /^Hvorfor\?/ })
			.fill('Har ventet lengst; søsken i samme barnehage.');
		await submit(page, again.getByRole('button', { name: 'Lagre avgjørelsen' }),
			{ redirected: true });
		await expectText(page.getByRole('status'), 'Familien står på venteliste');
		await expectText(page.getByRole('main'), 'plass 1', 'Har ventet lengst');
	});

	await step('the week’s discussion of a family in the team', async () => {
		await goto(page, '/');
		await submit(page, region('Mine team').getByRole('link', { name: /^Rødt tiltak/ }));
		await submit(page, region('Familier i teamet og på venteliste')
			.getByRole('link', { name: 'Emma Dahl' }));
		const discuss = region('Drøftinger i teamet');
		await discuss.getByLabel(/^Dato/).fill(day(0));
		await discuss.getByRole('checkbox', { name: /^Den som henviste familien, deltok/ }).check();
		await discuss.getByRole('textbox', { name: /^Hva som ble drøftet og avtalt/ })
			.fill('Morgenene går bedre. PPT observerer i barnehagen neste uke.');
		await submit(page, discuss.getByRole('button', { name: 'Skriv ned drøftingen' }),
			{ redirected: true });
		await expectText(page.getByRole('status'), 'Drøftingen er skrevet ned');
		await expectText(region('Drøftinger i teamet'), 'PPT observerer', /med den som henviste/i);
		await checkA11y(page, 'the referral with the week’s discussion');
	});

	await step('the holder sees the siblings and the team on the log', async () => {
		await logout(page);
		await login(page, 'ansatt');
		const log = sql("SELECT public_id FROM relay_log WHERE reference = 'DEMO-R001'");
		await goto(page, `/logs/${log}`);
		await expectText(region('Søsken'), 'Noah Dahl', 'Ella Dahl');
		await expectText(region('Team familien er henvist til'), /rødt tiltak/i, /i teamet/i);
		await checkA11y(page, 'a relay log in a family, in the red measure');
	});
});
