import { renderConfirmCodePage, type ConfirmCodePageOptions } from '../../../../nodes/core/form/renderConfirmCodePage';

const OPTIONS: ConfirmCodePageOptions = {
	businessName: 'Acme & Sons',
	phoneText: '(415) 555-0142',
	validMinutes: 10,
	submitted: { firstName: '"><script>alert(1)</script>', phone: '(415) 555-0142', interests: ['a', 'b<'] },
	tokenField: 'confirmation_token',
	token: 'c1.cb_1.2.x.y',
	codeField: 'confirmation_code',
	codeDigits: 6,
	nonce: 'bm9uY2Vub25jZQ==',
};

describe('the page asking for the texted code', () => {
	it('posts every answer back unchanged, escaped, with the token and one code field', () => {
		const html = renderConfirmCodePage(OPTIONS);
		expect(html).toContain('<input type="hidden" name="firstName" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">');
		expect(html).toContain('<input type="hidden" name="interests" value="a"><input type="hidden" name="interests" value="b&lt;">');
		expect(html).toContain('<input type="hidden" name="confirmation_token" value="c1.cb_1.2.x.y">');
		expect(html).toContain('name="confirmation_code" inputmode="numeric" autocomplete="one-time-code"');
		expect(html).not.toContain('<script>alert(1)');
		expect(html.match(/<form /g)).toHaveLength(1);
	});

	it('says where the code went and for how long, and shows why the last code was refused', () => {
		const plain = renderConfirmCodePage(OPTIONS);
		expect(plain).toContain('We texted a 6-digit code to <strong>(415) 555-0142</strong>.');
		expect(plain).toContain('The code works for 10 minutes.');
		expect(plain).not.toContain('id="error-summary"');
		const refused = renderConfirmCodePage({ ...OPTIONS, error: 'That code is not right.' });
		expect(refused).toContain('<h2 id="error-summary-title">That code is not right.</h2>');
		expect(refused).toContain('aria-invalid="true"');
	});

	it('loads nothing and runs no script', () => {
		const html = renderConfirmCodePage(OPTIONS);
		expect(html).not.toMatch(/<script\b/);
		expect(html).not.toMatch(/\bsrc=/);
	});
});
