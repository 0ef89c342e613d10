import { renderMessagePage } from '../../../../nodes/core/form/renderMessagePage';
import { renderThankYouPage } from '../../../../nodes/core/form/renderThankYouPage';
import { tagsOf, textOf } from './htmlInspection';

const render = (overrides: Partial<Parameters<typeof renderMessagePage>[0]> = {}) =>
	renderMessagePage({
		businessName: 'Acme Plumbing',
		title: 'This form is not available',
		message: 'Please call us at (555) 010-2000 instead.',
		nonce: 'msgN0nce',
		...overrides,
	});

describe('renderMessagePage', () => {
	it('tells the person what is going on, as an information notice by default', () => {
		const html = render();
		expect(html).toContain('<h1>This form is not available</h1>');
		expect(html).toContain('<p class="lead">Please call us at (555) 010-2000 instead.</p>');
		expect(html).toContain('class="notice notice-info"');
		expect(html).not.toContain('class="notice-status"');
	});

	it('can show a status label and an error tone', () => {
		const html = render({ statusText: 'Error 404', tone: 'error' });
		expect(html).toContain('class="notice notice-error"');
		expect(html).toContain('<p class="notice-status">Error 404</p>');
		expect(html.indexOf('notice-status">')).toBeLessThan(html.indexOf('<h1>'));
	});

	it('shares the thank-you page layout, so both look the same', () => {
		const shell = (html: string) => html.slice(0, html.indexOf('<div class="notice '));
		const common = { businessName: 'Acme Plumbing', title: 'Same', message: 'Same', nonce: 'n' };
		expect(shell(render(common))).toBe(shell(renderThankYouPage(common)));
	});

	it('escapes hostile text in every option and loads nothing from elsewhere', () => {
		const payload = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
		const html = render({ businessName: payload, title: payload, message: payload, statusText: payload, nonce: payload, accentColor: payload });
		const tagNames = tagsOf(html).map((tag) => tag.name);
		expect(tagNames).not.toContain('script');
		expect(tagNames).not.toContain('img');
		expect(textOf(html.slice(html.indexOf('<p class="notice-status">'), html.indexOf('<h1>')))).toBe(payload);
		expect(html).not.toMatch(/https?:|\/\//);
	});
});
