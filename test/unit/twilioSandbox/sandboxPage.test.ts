import { LAST_DIGIT_PHONES } from '../../twilioSandbox/lastDigitPhones';
import { escapeHtml } from '../../twilioSandbox/sandboxPage';
import { startTwilioSandbox, type TwilioSandbox } from '../../twilioSandbox/server';
import { ACCOUNT_SID, AUTH_TOKEN, TWILIO_NUMBER } from './sandboxFixture';

const FINAL = ['completed', 'busy', 'failed', 'no-answer', 'canceled'];
const LEAD = '+14155552002';
const VOICEMAIL = '+14155552008';
const BUSY = '+14155552009';

interface Page {
	status: number;
	contentType: string | null;
	html: string;
}

async function page(sandbox: TwilioSandbox, path = '/__sandbox/'): Promise<Page> {
	const response = await fetch(`${sandbox.baseUrl}${path}`);
	return { status: response.status, contentType: response.headers.get('content-type'), html: await response.text() };
}

/** The rows of the table under a heading, as the page lists them. */
function rowsUnder(html: string, heading: 'Texts' | 'Calls'): string[] {
	const start = html.indexOf(`<h2>${heading}</h2>`);
	expect(start).toBeGreaterThanOrEqual(0);
	const end = html.indexOf('</table>', start);
	return html.slice(start, end).split('<tr>').slice(2);
}

describe('the sandbox page at /__sandbox/', () => {
	let sandbox: TwilioSandbox;
	const credentials = { username: ACCOUNT_SID, password: AUTH_TOKEN };
	const api = (path: string, params: Record<string, string>) => sandbox.client.rest(credentials, 'POST', `/2010-04-01/Accounts/${ACCOUNT_SID}${path}`, params);

	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.05, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [TWILIO_NUMBER] }], phonesByLastDigit: true });
	});
	afterAll(() => sandbox.stop());
	beforeEach(() => sandbox.client.reset());

	it('is an HTML page for people that refreshes itself, with empty states before any traffic', async () => {
		const { status, contentType, html } = await page(sandbox);
		expect(status).toBe(200);
		expect(contentType).toBe('text/html; charset=utf-8');
		expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
		expect(html).toContain('<meta http-equiv="refresh" content="3">');
		expect(html).not.toContain('<script');
		expect(html).toContain('<h2>Texts</h2>');
		expect(html).toContain('<h2>Calls</h2>');
		expect(html).toContain('No texts yet');
		expect(html).toContain('No calls yet');
		const withoutSlash = await page(sandbox, '/__sandbox');
		expect(withoutSlash.status).toBe(200);
		expect(withoutSlash.contentType).toBe('text/html; charset=utf-8');
		expect(withoutSlash.html).toContain('<h2>Texts</h2>');
	});

	it('shows a text sent through the REST API with its body escaped, and the last-digit rule', async () => {
		const body = 'Call me <b>now</b> & "soon" <script>alert(1)</script>';
		const sent = await api('/Messages.json', { To: LEAD, From: TWILIO_NUMBER, Body: body });
		expect(sent.status).toBe(201);
		await sandbox.client.waitForMessage((message) => message.sid === sent.body?.sid && message.status === 'delivered');

		const { html } = await page(sandbox);
		expect(html).not.toContain('No texts yet');
		expect(html).toContain('Call me &lt;b&gt;now&lt;/b&gt; &amp; &quot;soon&quot; &lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).not.toContain('<b>now</b>');
		expect(html).not.toContain('<script>');
		const [row] = rowsUnder(html, 'Texts');
		expect(row).toContain(`${TWILIO_NUMBER} → ${LEAD}`);
		expect(row).toContain('delivered');
		expect(row).toMatch(/<time class="number" datetime="\d{4}-\d\d-\d\dT[^"]+Z" title="[^"]+">\d\d:\d\d:\d\d<\/time>/);

		expect(html).toContain('Demo phones: the last digit decides');
		for (const phone of LAST_DIGIT_PHONES) expect(html).toContain(`<strong>${escapeHtml(phone.ending)}:</strong> ${escapeHtml(phone.behaviour)}`);
	});

	it('lists calls newest first with status, duration, who answered and what happened', async () => {
		const drop = await api('/Calls.json', {
			To: VOICEMAIL,
			From: TWILIO_NUMBER,
			Twiml: '<Response><Pause length="6"/><Say>Sorry we missed you &amp; will call back.</Say></Response>',
		});
		expect(drop.status).toBe(201);
		await sandbox.client.waitForCall((call) => call.sid === drop.body?.sid && FINAL.includes(call.status));
		const busy = await api('/Calls.json', { To: BUSY, From: TWILIO_NUMBER, Twiml: '<Response><Hangup/></Response>' });
		await sandbox.client.waitForCall((call) => call.sid === busy.body?.sid && FINAL.includes(call.status));
		await api('/Messages.json', { To: LEAD, From: TWILIO_NUMBER, Body: 'first' });
		await api('/Messages.json', { To: LEAD, From: TWILIO_NUMBER, Body: 'second' });

		const { html } = await page(sandbox);
		expect(html).not.toContain('No calls yet');
		const calls = rowsUnder(html, 'Calls');
		expect(calls).toHaveLength(2);
		const [newest, oldest] = calls;
		expect(newest).toContain(`${TWILIO_NUMBER} → ${BUSY}`);
		expect(newest).toContain('<span class="status bad">busy</span>');
		expect(newest).toContain('0 s');
		expect(oldest).toContain(`${TWILIO_NUMBER} → ${VOICEMAIL}`);
		expect(oldest).toContain('<span class="status good">completed</span>');
		expect(oldest).toMatch(/<td class="number">\d+ s<\/td>/);
		expect(oldest).toContain('<td>answering machine</td>');
		expect(oldest).toContain('voicemail picked up: answering machine greeting (5 s), then a beep');
		expect(oldest).toContain('left on voicemail: “Sorry we missed you &amp; will call back.”');

		const texts = rowsUnder(html, 'Texts');
		expect(texts.map((row) => /<td class="body">([^<]*)/.exec(row)?.[1])).toEqual(['second', 'first']);
	});

	it('shows a bridged call, and leaves the JSON endpoints as they were', async () => {
		const bridge = await api('/Calls.json', { To: '+14155552001', From: TWILIO_NUMBER, Twiml: `<Response><Dial><Number>${LEAD}</Number></Dial></Response>` });
		await sandbox.client.waitForCall((call) => call.sid === bridge.body?.sid && FINAL.includes(call.status));
		const { html } = await page(sandbox);
		const [leg, parent] = rowsUnder(html, 'Calls');
		expect(leg).toContain(`${TWILIO_NUMBER} → ${LEAD}`);
		expect(leg).toContain('dialled from a call');
		expect(leg).toContain('<td>person</td>');
		expect(parent).toContain(`bridged with ${LEAD}`);
		expect(parent).toContain('dial ended: completed (bridged)');

		const json = await fetch(`${sandbox.baseUrl}/__sandbox/calls`);
		expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(((await json.json()) as { sid: string }[]).map((call) => call.sid)).toContain(bridge.body?.sid);
		const messages = await fetch(`${sandbox.baseUrl}/__sandbox/messages`);
		expect(await messages.json()).toEqual([]);
		expect((await fetch(`${sandbox.baseUrl}/__sandbox/nothing-here`)).status).toBe(404);
	});
});

describe('the sandbox page without the last-digit rule', () => {
	let sandbox: TwilioSandbox;
	beforeAll(async () => {
		sandbox = await startTwilioSandbox({ timeScale: 0.05, accounts: [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [TWILIO_NUMBER] }] });
	});
	afterAll(() => sandbox.stop());

	it('leaves out the box explaining the rule', async () => {
		const { html } = await page(sandbox);
		expect(html).toContain('<h2>Calls</h2>');
		expect(html).not.toContain('last digit');
	});
});

describe('escapeHtml', () => {
	it('escapes the five characters that matter in content and attributes', () => {
		expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
		expect(escapeHtml(42)).toBe('42');
	});
});
