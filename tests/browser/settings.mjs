// settings.mjs: a guardian chooses which e-mails she gets: the page from
// the link on every page, a box unticked and saved, the choice kept, the
// page in English. Every page is checked with axe-core.
import {
	scenario, login, logout, goto, submit, checkA11y,
	expectText, expectPath, expectVisible, fail,
} from './lib.mjs';

await scenario('settings', async ({ page, step }) => {
	const box = () => page.getByRole('group', { name: 'Send meg e-post når' })
		.getByRole('checkbox', { name: 'Et samtykke er i ferd med å utløpe' });

	await step('the guardian opens her e-mail choices', async () => {
		await login(page, 'forelder');
		await submit(page, page.getByRole('link', { name: 'Varsler på e-post' }));
		expectPath(page, '/settings/email');
		await expectVisible(page.getByRole('heading', { level: 1,
			name: 'Varsler på e-post' }));
		await expectText(page, 'forelder@example.invalid');
		if (!await box().isChecked())
			fail('a kind of e-mail is off before anyone chose so');
		await checkA11y(page, 'the e-mail choices');
	});

	await step('she turns one kind off and saves', async () => {
		await box().uncheck();
		await submit(page, page.getByRole('button', { name: 'Lagre valgene mine' }),
			{ redirected: true });
		expectPath(page, '/settings/email');
		await expectVisible(page.getByRole('status'));
		await expectText(page, 'Valgene dine er lagret.');
		if (await box().isChecked())
			fail('the kind turned off is shown ticked after saving');
		await checkA11y(page, 'the e-mail choices, saved');
	});

	await step('the page in English, then all on again', async () => {
		await goto(page, '/settings/email?lang=en');
		await expectText(page, 'E-mail notices', 'Send me an e-mail when');
		await checkA11y(page, 'the e-mail choices in English');
		await page.getByRole('checkbox', { name: 'A consent is about to expire' }).check();
		await submit(page, page.getByRole('button', { name: 'Save my choices' }),
			{ redirected: true });
		await goto(page, '/settings/email?lang=nb');
	});

	await step('log out', () => logout(page));
});
