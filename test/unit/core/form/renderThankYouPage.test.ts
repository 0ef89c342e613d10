import { expectedCallText, NO_CALL_TIME_YET_TEXT } from '../../../../nodes/core/form/expectedCallText';
import { renderThankYouPage } from '../../../../nodes/core/form/renderThankYouPage';
import { tagsOf, textOf, withoutInlineCode } from './htmlInspection';

const NONCE = 'thanksN0nce';

const render = (overrides: Partial<Parameters<typeof renderThankYouPage>[0]> = {}) =>
	renderThankYouPage({
		businessName: 'Acme Plumbing',
		title: 'Thanks, we will call you soon',
		message: 'We call from (415) 555-0100.\nSave the number.',
		nonce: NONCE,
		...overrides,
	});

/** The text of the first element with this class. */
function textOfClass(html: string, className: string): string | undefined {
	const match = new RegExp(`<p class="${className}">([\\s\\S]*?)</p>`).exec(html);
	return match ? textOf(match[1]) : undefined;
}

describe('expectedCallText', () => {
	it.each([
		[{ timeText: 'Mon 23 Nov, 9:00 AM EST', withinMinutes: false }, "We'll call you at Mon 23 Nov, 9:00 AM EST."],
		[{ timeText: ' Tue 24 Nov,  2:30 PM PST. ', withinMinutes: false }, "We'll call you at Tue 24 Nov, 2:30 PM PST."],
		[{ timeText: 'Mon 23 Nov, 9:00 AM EST', withinMinutes: true }, "We'll call you within a few minutes."],
		[{ timeText: '', withinMinutes: true }, "We'll call you within a few minutes."],
		[{ timeText: '  ', withinMinutes: false }, NO_CALL_TIME_YET_TEXT],
		[null, NO_CALL_TIME_YET_TEXT],
		[undefined, NO_CALL_TIME_YET_TEXT],
	])('%j → %j', (expected, text) => {
		expect(expectedCallText(expected)).toBe(text);
	});

	it('promises no time when none is known', () => {
		expect(NO_CALL_TIME_YET_TEXT).toBe("We've got your request. We'll text you to confirm when we'll call.");
		expect(NO_CALL_TIME_YET_TEXT).not.toMatch(/shortly|soon|minutes/i);
	});
});

describe('renderThankYouPage', () => {
	it('thanks the person in the business look: when we call, then the business note with its line breaks', () => {
		const html = render({ expectedCall: { timeText: 'Mon 23 Nov, 9:00 AM EST', withinMinutes: false } });
		expect(html.startsWith('<!doctype html>')).toBe(true);
		expect(html).toContain('<title>Thanks, we will call you soon · Acme Plumbing</title>');
		expect(html).toContain('<h1>Thanks, we will call you soon</h1>');
		expect(textOfClass(html, 'lead')).toBe("We'll call you at Mon 23 Nov, 9:00 AM EST.");
		expect(html).toContain('<p class="notice-note">We call from (415) 555-0100.<br>Save the number.</p>');
		expect(html.indexOf('class="lead"')).toBeLessThan(html.indexOf('class="notice-note"'));
		expect(html).toContain('<span class="brand-name">Acme Plumbing</span>');
		expect(html).toContain('class="notice notice-success"');
	});

	it('says within a few minutes when the call is due now', () => {
		const html = render({ expectedCall: { timeText: 'Mon 23 Nov, 9:00 AM EST', withinMinutes: true } });
		expect(textOfClass(html, 'lead')).toBe("We'll call you within a few minutes.");
		expect(html).not.toContain('9:00 AM');
	});

	it('without a time, says the request is in and a text will confirm, promising nothing "shortly"', () => {
		for (const expectedCall of [undefined, null]) {
			const html = render({ expectedCall, message: '' });
			expect(textOfClass(html, 'lead')).toBe("We've got your request. We'll text you to confirm when we'll call.");
			expect(textOf(withoutInlineCode(html))).not.toMatch(/shortly/i);
		}
	});

	it('leaves the note out when the business wrote none', () => {
		for (const message of [undefined, '', '  \n ']) expect(render({ message })).not.toContain('class="notice-note"');
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

	it('escapes hostile text in every option, the call time included', () => {
		const payload = '"><img src=x onerror=alert(1)></textarea><script>alert(2)</script>';
		const html = render({
			businessName: payload,
			title: payload,
			message: payload,
			nonce: payload,
			accentColor: payload,
			expectedCall: { timeText: payload, withinMinutes: false },
		});
		const tagNames = tagsOf(html).map((tag) => tag.name);
		for (const name of ['img', 'script', 'textarea']) expect(tagNames).not.toContain(name);
		expect(html).not.toContain('alert(1)>');
		expect(textOf(`<h1>${html.split('<h1>')[1].split('</h1>')[0]}</h1>`)).toBe(payload);
		expect(textOfClass(html, 'lead')).toBe(`We'll call you at ${payload}.`);
		expect(textOfClass(html, 'notice-note')).toBe(payload);
	});

	it('keeps the thank-you look: icon, title, then the text, in one centred notice', () => {
		const html = withoutInlineCode(render({ expectedCall: { timeText: 'Mon 23 Nov, 9:00 AM EST', withinMinutes: false } }));
		const order = ['class="notice notice-success"', 'class="notice-icon"', '<h1>', 'class="lead"', 'class="notice-note"'].map((marker) => html.indexOf(marker));
		expect(order.every((position) => position > 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});
});
