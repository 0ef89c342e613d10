import { renderThankYouPage } from '../../../../nodes/core/form/renderThankYouPage';
import { tagsOf, textOf, withoutInlineCode } from './htmlInspection';

const NONCE = 'thanksN0nce';

const render = (overrides: Partial<Parameters<typeof renderThankYouPage>[0]> = {}) =>
	renderThankYouPage({
		businessName: 'Acme Plumbing',
		title: 'Thanks, we will call you soon',
		message: 'Expect a call within 15 minutes.\nWe will text you first.',
		nonce: NONCE,
		...overrides,
	});

describe('renderThankYouPage', () => {
	it('thanks the person in the business look, with the message line breaks kept', () => {
		const html = render();
		expect(html.startsWith('<!doctype html>')).toBe(true);
		expect(html).toContain('<title>Thanks, we will call you soon · Acme Plumbing</title>');
		expect(html).toContain('<h1>Thanks, we will call you soon</h1>');
		expect(html).toContain('<p class="lead">Expect a call within 15 minutes.<br>We will text you first.</p>');
		expect(html).toContain('<span class="brand-name">Acme Plumbing</span>');
		expect(html).toContain('class="notice notice-success"');
	});

	it('runs no script and carries the nonce on its style', () => {
		const tags = tagsOf(render());
		expect(tags.some((tag) => tag.name === 'script')).toBe(false);
		expect(tags.filter((tag) => tag.name === 'style').map((tag) => tag.attributes.nonce)).toEqual([NONCE]);
	});

	it('loads nothing from elsewhere, its icon included', () => {
		const html = render();
		expect(html).not.toMatch(/https?:|\/\/|url\(|@import/i);
		expect(tagsOf(html).filter((tag) => 'src' in tag.attributes || 'href' in tag.attributes)).toEqual([]);
		expect(withoutInlineCode(html)).not.toMatch(/\sstyle=/);
	});

	it('uses the accent colour when it is a hex colour', () => {
		expect(render({ accentColor: '#0a7' })).toContain('--accent:#0a7;');
	});

	it('escapes hostile text in every option', () => {
		const payload = '"><img src=x onerror=alert(1)></textarea><script>alert(2)</script>';
		const html = render({ businessName: payload, title: payload, message: payload, nonce: payload, accentColor: payload });
		const tagNames = tagsOf(html).map((tag) => tag.name);
		for (const name of ['img', 'script', 'textarea']) expect(tagNames).not.toContain(name);
		expect(html).not.toContain('alert(1)>');
		expect(textOf(`<h1>${html.split('<h1>')[1].split('</h1>')[0]}</h1>`)).toBe(payload);
	});

	it('leaves the message paragraph out when there is no message', () => {
		expect(render({ message: ' ' })).not.toContain('class="lead"');
	});
});
