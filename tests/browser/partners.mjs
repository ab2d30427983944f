// partners.mjs: the administrator manages the partners in the browser:
// from the start page to the registry, a partner added (first with an
// http:// address, which is refused), its page with the secrets missing
// and the command that stores them, paused and resumed, and a dead
// notice cancelled after the confirmation; then the person who sent a
// notice that got no receipt records that it arrived. Every page is
// checked with axe-core.
//
// One step has no UI: the dead notice is made in the database, since a
// notice dies only when a partner refuses it (the system tests do that
// with a fake partner, tests/system/test_partner_admin.py).
import {
	scenario, login, logout, submit, goto, checkA11y, expectText,
	expectPath, expectVisible, fail, sql,
} from './lib.mjs';

function randomId(n) {
	const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let s = '';
	for (let i = 0; i < n; i++)
		s += abc[Math.floor(Math.random() * abc.length)];
	return s;
}

await scenario('partners', async ({ page, step }) => {
	// Accepts only cancellations: nothing other tests queue is routed to
	// it, whose address does not exist.
	const NAME = `BUP Nettleser ${Date.now()}`;
	let id, notice;
	const form = () => page.getByRole('region', { name: 'Legg til en samarbeidspartner' });

	await step('from the start page to the registry', async () => {
		await login(page, 'admin');
		await checkA11y(page, 'the administrator’s start page');
		await submit(page, page.getByRole('link', { name: /^Samarbeidspartnere:/ }));
		expectPath(page, '/admin/partners');
		await expectText(page, 'Legg til en samarbeidspartner');
		await checkA11y(page, 'the partner registry');
	});

	await step('an http:// address is refused', async () => {
		const f = form();
		await f.getByRole('textbox', { name: /^Navn/ }).fill(NAME);
		await f.getByRole('combobox', { name: /^Type tjeneste/ }).selectOption('bup');
		await f.getByRole('textbox', { name: /^Adresse/ }).fill('http://bup.example/inn');
		await f.getByRole('group', { name: /^Autentisering/ })
			.getByRole('radio', { name: /^Klientsertifikat/ }).check();
		await f.getByRole('group', { name: /^Meldingstyper den tar imot/ })
			.getByRole('checkbox', { name: 'Tilbaketrekking' }).check();
		await submit(page, f.getByRole('button', { name: 'Legg til samarbeidspartneren' }),
			{ status: 422 });
		await expectText(page, 'Samarbeidspartneren ble ikke lagt til', 'https://-adresse');
		await checkA11y(page, 'the registry with an error');
	});

	await step('the partner is added', async () => {
		const f = form();
		// what was typed is still there
		const name = await f.getByRole('textbox', { name: /^Navn/ }).inputValue();
		if (name !== NAME)
			fail(`the name came back as "${name}"`);
		await f.getByRole('textbox', { name: /^Adresse/ }).fill('https://bup.example/inn');
		await submit(page, f.getByRole('button', { name: 'Legg til samarbeidspartneren' }),
			{ redirected: true });
		id = expectPath(page, /^\/admin\/partners\/[A-Za-z0-9_-]{22}$/).pathname.split('/')[3];
		// (tags are in capitals, by the stylesheet)
		await expectText(page, NAME, /mangler/i, `stafett partner secret ${id} hmac`);
		await checkA11y(page, 'a partner’s page');
	});

	await step('paused and resumed', async () => {
		await submit(page, page.getByRole('button', { name: `Sett leveringer til ${NAME} på pause` }),
			{ redirected: true });
		await expectText(page, /på pause/i);
		await checkA11y(page, 'a paused partner');
		await submit(page, page.getByRole('button', { name: `Start leveringer til ${NAME} igjen` }),
			{ redirected: true });
		await expectVisible(page.getByRole('button', { name: `Sett leveringer til ${NAME} på pause` }));
	});

	await step('a dead notice is cancelled after the confirmation', async () => {
		notice = randomId(22);
		sql(`INSERT INTO outbox (public_id, kind, idempotency_key, status, partner_id,
			message_type, attempts, last_http_status, last_error, dead_at)
			SELECT '${notice}', 'cw_report', '${randomId(43)}', 'dead', id, 'cw_report',
			1, 400, 'refused with HTTP 400', NOW(6) FROM partner WHERE public_id = '${id}'`);
		await goto(page, `/admin/partners/${id}?status=dead`);
		await expectText(page, notice, 'Siste svar: HTTP 400');
		await checkA11y(page, 'the partner’s dead notices');
		// (the notice's id is in the name, hidden but for screen readers,
		// which read it as a block of its own: after a space)
		await submit(page, page.getByRole('button', {
			name: new RegExp(`^Avbryt\\W+${notice}$`) }));
		await expectText(page, `Er du sikker på at du vil avbryte melding ${notice}?`);
		await checkA11y(page, 'the confirmation');
		await submit(page, page.getByRole('button', { name: 'Ja, avbryt meldingen' }),
			{ redirected: true });
		await goto(page, `/admin/partners/${id}?status=cancelled`);
		await expectText(page, notice);
		const status = sql(`SELECT status FROM outbox WHERE public_id = '${notice}'`);
		if (status !== 'cancelled')
			fail(`the notice is ${status}, not cancelled`);
	});

	await step('paused again, and log out', async () => {
		await goto(page, `/admin/partners/${id}`);
		await submit(page, page.getByRole('button', { name: `Sett leveringer til ${NAME} på pause` }),
			{ redirected: true });
		await logout(page);
	});

	await step('the sender records that a notice arrived without a receipt', async () => {
		// Delivered two days ago, no receipt, the alert raised: made in
		// the database, as notify would after delivery_ack_timeout_s.
		const sent = randomId(22);
		sql(`INSERT INTO outbox (public_id, kind, idempotency_key, status, partner_id,
			message_type, attempts, delivered_at, sender_id)
			SELECT '${sent}', 'referral', '${randomId(43)}', 'delivered', p.id, 'referral',
			1, NOW(6) - INTERVAL 2 DAY, u.id FROM partner p, app_user u
			WHERE p.public_id = '${id}' AND u.username = 'ansatt'`);
		sql(`INSERT INTO delivery_alert (kind, partner_id, outbox_id, since)
			SELECT 'unacknowledged', partner_id, id, delivered_at FROM outbox
			WHERE public_id = '${sent}'`);
		await login(page, 'ansatt');
		await submit(page, page.locator(`a[href="/notices/${sent}/confirm"]`));
		await expectText(page, 'Registrer at en melding har kommet fram', NAME);
		await checkA11y(page, 'recording that a notice arrived');
		await submit(page, page.getByRole('button', { name: 'Registrer at den har kommet fram' }),
			{ status: 422 });
		await expectText(page, 'Skriv hvordan du vet at den har kommet fram');
		await checkA11y(page, 'the same with an error');
		await page.getByRole('textbox', { name: /^Hvordan vet du/ })
			.fill('Ringte BUP; de har den.');
		await submit(page, page.getByRole('button', { name: 'Registrer at den har kommet fram' }),
			{ redirected: true });
		expectPath(page, '/');
		const status = sql(`SELECT status FROM outbox WHERE public_id = '${sent}'`);
		if (status !== 'acknowledged')
			fail(`the notice is ${status}, not acknowledged`);
		if (await page.locator(`a[href="/notices/${sent}/confirm"]`).count() !== 0)
			fail('the alert is still on the start page');
		await logout(page);
	});
});
