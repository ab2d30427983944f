// forms.mjs: forms that say what they need, drafts a person can come
// back to, and pages for low vision and phones (issue 16, items 8 to 10).
// The concern form marks as required only what the rule requires (the
// identity number, the date of birth or the expected date, one of them; nothing of the
// child's identity when the discussion is anonymous); a check box's hint
// follows it; a refused form moves the focus to its error summary; an
// error in a repeat's row names the row; the consent's expiry error says
// the limit. A draft saved on the form is on the author's start page with
// when it will be deleted, and can be deleted there. The focus indicator
// stands out from its background by 3:1 at least; at 320, 390 and 1280 px
// no page visited scrolls sideways, and tables keep their words whole
// (scrolling in a region of their own). Every page is checked with
// axe-core.
import {
	scenario, login, logout, goto, submit, checkA11y,
	expectText, expectNoText, expectPath, expectVisible, attribute, fail,
} from './lib.mjs';

const WIDTHS = [320, 390, 1280];
const STAMP = `${Date.now() % 100000}`;

// The page at each width: its document is no wider than the window
// (nothing scrolls sideways). Measured in the page itself; the
// viewport is put back after.
async function fits(page, label) {
	const before = page.viewportSize();
	try {
		for (const width of WIDTHS) {
			await page.setViewportSize({ width, height: 800 });
			const m = await page.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				inner: window.innerWidth,
				// what sticks out, to say what to fix
				wide: [...document.querySelectorAll('body *')]
					.filter((e) => e.getBoundingClientRect().right >
						window.innerWidth + 1 &&
						!e.closest('.table-wrap'))
					.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}` +
						`${e.className ? '.' + e.className : ''}: ` +
						`${(e.textContent || '').trim().slice(0, 40)}`),
			}));
			if (m.scroll > m.inner)
				fail(`${label} scrolls sideways at ${width} px: ` +
					`${m.scroll} > ${m.inner} (${m.wide.join('; ')})`);
		}
	} finally {
		await page.setViewportSize(before);
	}
	console.log(`     fits ${WIDTHS.join(', ')} px: ${label}`);
}

// Tables keep their words whole (no overflow-wrap: anywhere, no
// word-break: break-all in a cell) and, on a narrow screen, scroll in
// their own region: one the keyboard reaches, named by the caption.
async function tablesKeepWords(page, label) {
	const bad = await page.evaluate(() => {
		const out = [];
		for (const t of document.querySelectorAll('main table')) {
			const wrap = t.parentElement;
			const name = wrap && wrap.getAttribute('aria-labelledby');
			if (!wrap.classList.contains('table-wrap') ||
			    wrap.getAttribute('role') !== 'region' ||
			    wrap.getAttribute('tabindex') !== '0' || !name ||
			    !document.getElementById(name) ||
			    document.getElementById(name).closest('table') !== t)
				out.push(`a table not in a named, focusable region: ${t.className}`);
			for (const c of t.querySelectorAll('td, th')) {
				const cs = getComputedStyle(c);
				if (cs.overflowWrap === 'anywhere' || cs.wordBreak === 'break-all') {
					out.push(`a cell that breaks words: ${c.textContent.trim().slice(0, 30)}`);
					break;
				}
			}
		}
		return out;
	});
	if (bad.length)
		fail(`${label}: ${bad.join('; ')}`);
}

// Every check of a page the scenario visits.
async function look(page, label) {
	await fits(page, label);
	await page.setViewportSize({ width: 390, height: 800 });
	try {
		await tablesKeepWords(page, label);
	} finally {
		await page.setViewportSize({ width: 1280, height: 900 });
	}
	await checkA11y(page, label);
}

// WCAG relative luminance and contrast of two "rgb(r, g, b)" colours.
function luminance([r, g, b]) {
	const c = (v) => {
		v /= 255;
		return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}

function contrast(a, b) {
	const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
	return (x + 0.05) / (y + 0.05);
}

function colours(text) {
	return [...(text || '').matchAll(/rgba?\(([^)]*)\)/g)]
		.map((m) => m[1].split(',').map((v) => parseFloat(v)))
		.filter((c) => c.length === 3 || c[3] > 0)
		.map((c) => c.slice(0, 3));
}

// Focus what locator finds and measure its focus indicator: the colours
// it draws (outline, box-shadow, and a background it takes on focus)
// against what is behind it (the nearest ancestor's background). The
// best of them must reach 3:1 (WCAG 1.4.11).
async function focusContrast(page, locator, what) {
	const el = locator.first();
	const unfocused = await el.evaluate((e) => getComputedStyle(e).backgroundColor);
	await el.focus();
	const s = await el.evaluate((e) => {
		const cs = getComputedStyle(e);
		let p = e.parentElement, behind = 'rgb(255, 255, 255)';
		for (; p; p = p.parentElement) {
			const bg = getComputedStyle(p).backgroundColor;
			if (!/rgba\(.*,\s*0\)$/.test(bg) && bg !== 'transparent') {
				behind = bg;
				break;
			}
		}
		return {
			focused: document.activeElement === e,
			outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 ?
				cs.outlineColor : '',
			shadow: cs.boxShadow === 'none' ? '' : cs.boxShadow,
			background: cs.backgroundColor,
			behind,
		};
	});
	if (!s.focused)
		fail(`${what} did not take the focus`);
	const drawn = [...colours(s.outline), ...colours(s.shadow)];
	if (s.background !== unfocused)
		drawn.push(...colours(s.background));
	if (!drawn.length)
		fail(`${what}: no focus indicator (outline ${s.outline}, box-shadow ${s.shadow})`);
	const behind = colours(s.behind)[0];
	const best = Math.max(...drawn.map((c) => contrast(c, behind)));
	if (best < 3)
		fail(`${what}: the focus indicator's best contrast is ${best.toFixed(2)}:1 ` +
			`against ${s.behind} (outline ${s.outline}, box-shadow ${s.shadow}, ` +
			`background ${s.background}), below 3:1`);
	console.log(`     focus ${best.toFixed(1)}:1 against ${s.behind}: ${what}`);
}

// The error summary has the focus (autofocus: there is no JavaScript).
async function summaryHasFocus(page, what) {
	if (await page.locator('.error-summary:focus').count() !== 1)
		fail(`${what}: the error summary does not have the focus`);
	const active = await page.evaluate(() => document.activeElement &&
		document.activeElement.className);
	if (active !== 'error-summary')
		fail(`${what}: document.activeElement is "${active}", not the error summary`);
}

// The date days after today where the municipality is, as the pages
// show dates (31.03.2026).
function osloDate(days) {
	const d = new Date(Date.now() + days * 86400000);
	const [y, m, dd] = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' })
		.format(d).split('-');
	return { iso: `${y}-${m}-${dd}`, shown: `${dd}.${m}.${y}` };
}

await scenario('forms', async ({ page, step }) => {
	await step('the employee’s start page', async () => {
		await login(page, 'ansatt');
		await expectText(page, 'Startside');
		await look(page, 'the employee’s start page');
	});

	await step('focus stands out: links, buttons, fields, the dark header', async () => {
		await focusContrast(page, page.locator('main a[href^="/logs/"]'),
			'a link in a table on white');
		await focusContrast(page, page.getByRole('link', { name: 'Skriv ned en bekymring' }),
			'the green button link');
		await focusContrast(page, page.locator('header a[href*="lang="]'),
			'a link in the dark header');
		await focusContrast(page, page.getByRole('button', { name: 'Logg ut' }),
			'the log-out button in the header');
		await goto(page, '/forms/concern');
		await focusContrast(page, page.getByRole('textbox', { name: /^Barnets navn/ }),
			'a text field');
		await focusContrast(page, page.getByRole('checkbox', { name: /^Drøft anonymt/ }),
			'a check box');
		await focusContrast(page, page.getByRole('button', { name: 'Send', exact: true }),
			'the send button');
	});

	await step('the concern form says what it needs', async () => {
		await goto(page, '/forms/concern');
		// the number or the date of birth: a group that says so, and
		// neither field marked required on its own
		const either = page.getByRole('group', { name: 'Fødselsnummer, fødselsdato eller termin' });
		await expectVisible(either, 'the identity number or date of birth group');
		await expectText(either, 'Fyll ut minst ett av dem.');
		const nin = either.getByRole('textbox', { name: /^Fødselsnummer eller D-nummer/ });
		if (await nin.getAttribute('aria-required') !== null)
			fail('the identity number is marked required');
		await expectNoText(either, 'må fylles ut');
		// the child's identity says when it applies
		await expectText(page.getByRole('group', { name: 'Barnet', exact: true }),
			'Fylles ut når du ikke drøfter anonymt.');
		await expectText(page.getByRole('group', { name: 'Ved anonym drøfting' }),
			'Må fylles ut når du drøfter anonymt.');
		// a single check box: its hint after its label, tied to it
		const box = page.getByRole('checkbox', { name: /^Drøft anonymt/ });
		const id = await attribute(box, 'id');
		const by = (await attribute(box, 'aria-describedby')).split(/\s+/);
		if (!by.includes(`${id}-hint`))
			fail(`the check box is not described by its hint (${by})`);
		const order = await page.evaluate((i) => {
			const label = document.querySelector(`label[for="${i}"]`);
			const hint = document.getElementById(`${i}-hint`);
			const input = document.getElementById(i);
			return {
				after: !!(label.compareDocumentPosition(hint) &
					Node.DOCUMENT_POSITION_FOLLOWING),
				beside: hint.parentElement === label.parentElement &&
					input.parentElement === label.parentElement.parentElement,
			};
		}, id);
		if (!order.after || !order.beside)
			fail(`the check box's hint is not after its label beside the box (${JSON.stringify(order)})`);
		await look(page, 'the concern form');
	});

	await step('sent empty: the focus is on the error summary', async () => {
		await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
			{ status: 422, redirected: false });
		await summaryHasFocus(page, 'the refused concern');
		const summary = page.locator('.error-summary');
		// the one rule, named as one, at the number's field
		await expectText(summary, 'Fyll ut fødselsnummeret, fødselsdatoen eller termin.');
		await expectText(page.locator('#f-concern-child-nin-error'),
			'Fyll ut fødselsnummeret, fødselsdatoen eller termin.');
		await look(page, 'the refused concern');
	});

	await step('an anonymous concern needs no name or number', async () => {
		await page.getByRole('checkbox', { name: /^Drøft anonymt/ }).check();
		await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
			{ status: 422 });
		await summaryHasFocus(page, 'the refused anonymous concern');
		const summary = page.locator('.error-summary');
		await expectNoText(summary, 'Barnets navn', 'Fødselsnummer');
		await expectText(summary, 'Barnets alder i år');
		// now the age is required and the name is not
		await expectText(page.locator('label[for="f-concern-child-age"]'), 'må fylles ut');
		await expectNoText(page.locator('label[for="f-concern-child-name"]'), 'må fylles ut');
		await look(page, 'the refused anonymous concern');
		await page.getByRole('textbox', { name: /^Barnets alder i år/ }).fill('4');
		await page.getByRole('textbox', { name: /^Hva har du sett eller hørt\?/ })
			.fill(`Anonym drøfting ${STAMP}: sover mye i barnehagen.`);
		await page.getByRole('group', { name: /^Hvor lenge har du vært bekymret\?/ })
			.getByRole('radio', { name: 'Noen uker' }).check();
		await page.getByRole('group', { name: /^Er foresatte informert/ })
			.getByRole('radio', { name: 'Ja' }).check();
		await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
			{ redirected: true });
		expectPath(page, /^\/concerns\/[A-Za-z0-9_-]{22}\?new=1$/);
		await look(page, 'the receipt of the anonymous concern');
	});

	let draftId;
	await step('a draft: kept for 30 days, said on its page', async () => {
		await goto(page, '/forms/concern');
		await page.getByRole('textbox', { name: /^Hva har du sett eller hørt\?/ })
			.fill(`Påbegynt fredag ${STAMP}`);
		await submit(page, page.getByRole('button', { name: 'Lagre utkast' }),
			{ redirected: true });
		const url = expectPath(page, /^\/forms\/concern\?draft=[A-Za-z0-9_-]{22}&saved=1$/);
		draftId = url.searchParams.get('draft');
		const until = osloDate(30).shown;
		const status = page.getByRole('status');
		await expectText(status, until);
		await look(page, 'the saved draft');
		await expectVisible(page.getByRole('button', { name: 'Slett utkastet' }),
			'the delete button of the draft');
	});

	await step('the draft is on the start page, with when it goes', async () => {
		await goto(page, '/');
		const drafts = page.getByRole('region', { name: 'Mine utkast' });
		const card = drafts.getByRole('listitem').filter({
			has: page.locator(`a[href="/forms/concern?draft=${draftId}"]`),
		});
		await expectVisible(card, 'the draft on the start page');
		await expectText(card, 'Undring eller bekymring for et barn',
			osloDate(0).shown, osloDate(30).shown);
		await expectText(drafts, '30');
		await look(page, 'the start page with a draft');
		await submit(page, card.getByRole('button', { name: /^Slett utkastet/ }),
			{ redirected: true });
		expectPath(page, '/');
		await expectVisible(page.getByRole('status'), 'what the delete did');
		await expectText(page.getByRole('status').first(), 'Utkastet er slettet');
		if (await page.locator(`a[href="/forms/concern?draft=${draftId}"]`).count())
			fail('the deleted draft is still on the start page');
		await look(page, 'the start page after deleting the draft');
	});

	let logPath;
	await step('a relay log', async () => {
		await submit(page, page.locator('main a[href^="/logs/"]').filter({ hasText: 'Sara Hansen' }).first());
		logPath = expectPath(page, /^\/logs\/[A-Za-z0-9_-]{22}$/).pathname;
		await focusContrast(page, page.locator('main a').first(), 'a link on the log page');
		await look(page, 'the relay log');
	});

	await step('the consent form: rows named in errors, the expiry limit said', async () => {
		await goto(page, `/forms/consent?log=${logPath.split('/')[2]}`);
		const expires = page.getByLabel(/^Gjelder til og med/);
		const hintId = `${await attribute(expires, 'id')}-hint`;
		const last = osloDate(365);
		await expectText(page.locator(`[id="${hintId}"]`), 'høyst 365 dager', last.iso);
		await look(page, 'the consent form');
		await expires.fill(osloDate(400).iso);
		await submit(page, page.getByRole('button', { name: 'Send', exact: true }),
			{ status: 422 });
		await summaryHasFocus(page, 'the refused consent');
		const summary = page.locator('.error-summary');
		// an error in the first guardian's row says which row
		await expectText(summary, /Foresatt 1 – Navn: /);
		await expectText(page.locator('[id$="-guardian-1-name-error"]'), 'Foresatt 1:');
		// the expiry: the limit and the last date it allows
		await expectText(summary, 'høyst 365 dager', last.iso);
		await look(page, 'the refused consent');
	});

	await step('long headings wrap: the handover and closing forms', async () => {
		// "Overføring av stafettholderrollen" made these scroll at 320 px
		const log = logPath.split('/')[2];
		await goto(page, `/forms/handover?log=${log}`);
		await look(page, 'the handover form');
		await goto(page, `/forms/closing?log=${log}`);
		await look(page, 'the closing note form');
	});

	await step('the leader’s start page', async () => {
		await logout(page);
		await login(page, 'leder');
		await look(page, 'the leader’s start page');
		// an employee's draft is hers alone
		await expectNoText(page, `Påbegynt fredag ${STAMP}`);
		await goto(page, logPath);
		await look(page, 'the relay log, as the leader');
	});

	await step('the health nurse', async () => {
		await logout(page);
		await login(page, 'helsesykepleier');
		await look(page, 'the health nurse’s start page');
		await goto(page, logPath);
		await look(page, 'the relay log, as the health nurse');
	});

	await step('the guardian', async () => {
		await logout(page);
		await login(page, 'forelder');
		await look(page, 'the guardian’s start page');
		await goto(page, logPath);
		await look(page, 'the relay log, as the guardian');
	});

	await step('the administrator: the guide and the partners', async () => {
		await logout(page);
		await login(page, 'admin');
		await look(page, 'the administrator’s start page');
		await goto(page, '/admin/guide');
		await look(page, 'the action guide');
		await goto(page, '/admin/partners');
		await look(page, 'the partners');
		await logout(page);
	});
});
