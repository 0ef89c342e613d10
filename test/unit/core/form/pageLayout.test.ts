import {
	DEFAULT_ACCENT_COLOR,
	createPageNonce,
	pageContentSecurityPolicy,
	renderPageLayout,
	resolveAccentColor,
	textColorOnAccent,
} from '../../../../nodes/core/form/pageLayout';
import { innerHtmlById, tagsOf, textOf } from './htmlInspection';

describe('resolveAccentColor', () => {
	it.each(['#0a7', '#00AA77', ' #123abc '])('accepts the hex colour %p', (colour) => {
		expect(resolveAccentColor(colour)).toBe(colour.trim().toLowerCase());
	});

	it.each([undefined, '', 'red', '#12345', '#1234567', 'rgb(0,0,0)', '#fff;}body{display:none', '#fff</style><script>'])(
		'falls back to the default accent for %p',
		(colour) => {
			expect(resolveAccentColor(colour)).toBe(DEFAULT_ACCENT_COLOR);
		},
	);
});

describe('textColorOnAccent', () => {
	it('puts white text on dark or saturated accents', () => {
		expect(textColorOnAccent(DEFAULT_ACCENT_COLOR)).toBe('#ffffff');
		expect(textColorOnAccent('#000')).toBe('#ffffff');
		expect(textColorOnAccent('#b91c1c')).toBe('#ffffff');
	});

	it('puts dark text on pale accents a business might pick', () => {
		expect(textColorOnAccent('#fcd34d')).toBe('#111827');
		expect(textColorOnAccent('#ffffff')).toBe('#111827');
		expect(textColorOnAccent('#7dd3fc')).toBe('#111827');
	});
});

describe('pageContentSecurityPolicy', () => {
	it('allows only the nonce for inline code, nothing from elsewhere, and posts to the same origin', () => {
		const policy = pageContentSecurityPolicy('abc123+/=');
		const directives = policy.split('; ');
		expect(directives).toEqual(
			expect.arrayContaining([
				"default-src 'none'",
				"script-src 'nonce-abc123+/='",
				"style-src 'nonce-abc123+/='",
				"form-action 'self'",
				"base-uri 'none'",
			]),
		);
		expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
	});

	it.each(["abc'; script-src *", 'abc;def', 'abc def', '', 'ab"c'])('refuses the nonce %p, which would rewrite the header', (nonce) => {
		expect(() => pageContentSecurityPolicy(nonce)).toThrow(/nonce/);
	});

	it('accepts every nonce that createPageNonce makes, and they differ', () => {
		const nonces = Array.from({ length: 20 }, () => createPageNonce());
		for (const nonce of nonces) expect(() => pageContentSecurityPolicy(nonce)).not.toThrow();
		expect(new Set(nonces).size).toBe(nonces.length);
	});
});

describe('renderPageLayout', () => {
	const render = (overrides: Partial<Parameters<typeof renderPageLayout>[0]> = {}) =>
		renderPageLayout({
			documentTitle: 'Request a callback',
			businessName: 'Acme Plumbing',
			nonce: 'n0nce',
			body: '<h1 id="heading">Hello</h1>',
			...overrides,
		});

	it('is a complete, mobile-ready English document', () => {
		const html = render();
		expect(html.startsWith('<!doctype html>\n')).toBe(true);
		const tags = tagsOf(html);
		expect(tags.find((tag) => tag.name === 'html')?.attributes.lang).toBe('en');
		expect(tags.some((tag) => tag.name === 'meta' && tag.attributes.charset === 'utf-8')).toBe(true);
		expect(tags.find((tag) => tag.name === 'meta' && tag.attributes.name === 'viewport')?.attributes.content).toBe(
			'width=device-width, initial-scale=1',
		);
		expect(innerHtmlById(html, 'heading')).toBe('Hello');
	});

	it('names the page and the business in the title and the header', () => {
		const html = render();
		expect(html).toContain('<title>Request a callback · Acme Plumbing</title>');
		expect(html).toContain('<span class="brand-name">Acme Plumbing</span>');
		expect(html).toContain('<span class="brand-mark" aria-hidden="true">A</span>');
	});

	it('leaves the business header out when there is no business name', () => {
		const html = render({ businessName: '  ' });
		expect(html).toContain('<title>Request a callback</title>');
		expect(html).not.toContain('class="brand');
	});

	it('escapes the title, the business name and the nonce', () => {
		const html = render({
			documentTitle: '</title><script>alert(1)</script>',
			businessName: '<img src=x onerror=alert(1)>',
			nonce: '"><script>alert(2)</script>',
		});
		expect(html).not.toContain('<script>alert');
		expect(html).not.toContain('<img');
		expect(tagsOf(html).filter((tag) => tag.name === 'script')).toHaveLength(0);
		expect(textOf(html.slice(html.indexOf('<title>'), html.indexOf('</title>')))).toBe(
			'</title><script>alert(1)</script> · <img src=x onerror=alert(1)>',
		);
	});

	it('puts the nonce on the style and on the script when there is one', () => {
		const html = render({ script: 'console.log(1);' });
		const inline = tagsOf(html).filter((tag) => tag.name === 'script' || tag.name === 'style');
		expect(inline.map((tag) => tag.name).sort()).toEqual(['script', 'style']);
		for (const tag of inline) expect(tag.attributes.nonce).toBe('n0nce');
	});

	it('writes the chosen accent and its readable text colour into the CSS, or the default for junk', () => {
		expect(render({ accentColor: '#fcd34d' })).toContain(':root{--accent:#fcd34d;--on-accent:#111827}');
		const junk = render({ accentColor: 'red}</style><script>alert(1)</script>' });
		expect(junk).toContain(`:root{--accent:${DEFAULT_ACCENT_COLOR};--on-accent:#ffffff}`);
		expect(junk).not.toContain('alert(1)');
	});

	it('has no script element when the page needs none', () => {
		expect(tagsOf(render()).some((tag) => tag.name === 'script')).toBe(false);
	});
});
