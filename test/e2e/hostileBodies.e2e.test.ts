import net from 'node:net';
import { gzipSync } from 'node:zlib';

import { outputOf, startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import { template as intakeTemplate } from '../harness/templates';

/**
 * Hostile and malformed requests posted over a raw socket to the Callback Request Trigger in a
 * real n8n: no request may get a 5xx from the package or start an execution unless it carried a
 * valid lead. A few bodies never reach the node because n8n's own body reader fails first; they
 * are listed with n8n's answer and why (see N8N_OWN_ANSWERS).
 */

/** The intake template with its Business Settings filled in (the sample business). */
const template: WorkflowJson = intakeTemplate('01-callback-request-intake.json');
const TRIGGER = 'Website Callback Form';
const PATH = '/webhook/callback-request';

/** Long enough for the one-time n8n install on a machine that has never run these tests. */
const FIRST_START_TIMEOUT_MS = 15 * 60_000;
/** A request n8n never answers (a body shorter than its Content-Length) is given up after this. */
const ANSWER_TIMEOUT_MS = 20_000;

interface RawRequest {
	/** Header lines as sent, in order; Host and Connection: close are added. */
	headers: Array<[string, string]>;
	body: Buffer;
	/** Content-Length to declare; default the body's length; 'none' for none (chunked or absent). */
	contentLength?: number | string | 'none';
	/** Send the body in chunked transfer encoding. */
	chunked?: boolean;
	/** Close our side after writing even though the declared body is longer. */
	halfClose?: boolean;
}

interface RawAnswer {
	/** 0 when n8n closed the connection or never answered. */
	status: number;
	headers: Record<string, string>;
	text: string;
	json: Record<string, unknown> | undefined;
}

function dechunk(body: Buffer): Buffer {
	const parts: Buffer[] = [];
	let offset = 0;
	while (offset < body.length) {
		const lineEnd = body.indexOf('\r\n', offset);
		if (lineEnd < 0) break;
		const size = parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
		if (!Number.isFinite(size) || size === 0) break;
		parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
		offset = lineEnd + 2 + size + 2;
	}
	return Buffer.concat(parts);
}

/** One HTTP/1.1 request written byte for byte, so nothing is corrected on the way. */
async function rawPost(port: number, request: RawRequest): Promise<RawAnswer> {
	const head = [`POST ${PATH} HTTP/1.1`, `Host: localhost:${port}`, 'Connection: close'];
	for (const [name, value] of request.headers) head.push(`${name}: ${value}`);
	const declared = request.contentLength ?? request.body.length;
	if (request.chunked) head.push('Transfer-Encoding: chunked');
	else if (declared !== 'none') head.push(`Content-Length: ${declared}`);
	const body = request.chunked
		? Buffer.concat([Buffer.from(`${request.body.length.toString(16)}\r\n`), request.body, Buffer.from('\r\n0\r\n\r\n')])
		: request.body;

	const received = await new Promise<Buffer>((resolve) => {
		const chunks: Buffer[] = [];
		const socket = net.connect(port, '127.0.0.1');
		const done = () => {
			clearTimeout(timer);
			resolve(Buffer.concat(chunks));
		};
		const timer = setTimeout(() => {
			socket.destroy();
			done();
		}, ANSWER_TIMEOUT_MS);
		socket.on('data', (chunk) => chunks.push(chunk));
		socket.on('close', done);
		// A server that answers before it read everything may reset the connection; the answer is kept.
		socket.on('error', () => undefined);
		socket.write(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]), () => {
			if (request.halfClose) socket.end();
		});
	});

	const split = received.indexOf('\r\n\r\n');
	if (split < 0) return { status: 0, headers: {}, text: received.toString('latin1'), json: undefined };
	const [statusLine, ...headerLines] = received.subarray(0, split).toString('latin1').split('\r\n');
	const headers: Record<string, string> = {};
	for (const line of headerLines) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	let payload = received.subarray(split + 4);
	if (headers['transfer-encoding'] === 'chunked') payload = dechunk(payload);
	const text = payload.toString('utf8');
	let json: Record<string, unknown> | undefined;
	try {
		json = JSON.parse(text) as Record<string, unknown>;
	} catch {
		json = undefined;
	}
	return { status: Number(statusLine.split(' ')[1]) || 0, headers, text, json };
}

const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];
const FORM_TYPE: [string, string] = ['Content-Type', 'application/x-www-form-urlencoded'];
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const json = (value: unknown) => utf8(JSON.stringify(value));

/** A distinct valid number per case that carries a lead, so the duplicate window never hides one. */
let nextPhone = 100;
function phone(): { submitted: string; e164: string } {
	const line = `0${nextPhone++}`;
	return { submitted: `(646) 555-${line}`, e164: `+1646555${line}` };
}

function nestedJson(levels: number, open: string, close: string, inner = '1'): string {
	return `${open.repeat(levels)}${inner}${close.repeat(levels)}`;
}

function multipart(boundary: string, fields: Array<[string, string]>): Buffer {
	const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
	return utf8(`${parts.join('')}--${boundary}--\r\n`);
}

/**
 * What may come back: `refused` a 4xx; `accepted` a 2xx for the lead named; `either` a 4xx or a
 * 2xx for that lead; `n8n` an answer n8n gives before the node runs (documented per case).
 */
type Expectation =
	| { kind: 'refused' }
	| { kind: 'accepted' | 'either'; firstName: string; e164: string }
	| { kind: 'n8n'; status: number; why: string };

interface HostileCase {
	name: string;
	group: string;
	request: RawRequest;
	expect: Expectation;
}

function leadCase(name: string, group: string, kind: 'accepted' | 'either', firstName: string, build: (lead: { first_name: string; phone: string }) => RawRequest): HostileCase {
	const number = phone();
	return { name, group, request: build({ first_name: firstName, phone: number.submitted }), expect: { kind, firstName, e164: number.e164 } };
}

const refused = (name: string, group: string, request: RawRequest): HostileCase => ({ name, group, request, expect: { kind: 'refused' } });

/**
 * Answers n8n 1.123 gives before any node runs. Its webhook body reader (packages/cli
 * middlewares/body-parser.ts `rawBodyReader`, called from webhook-helpers `parseRequestBody`)
 * pipes a Content-Encoding of gzip or deflate through zlib; a body that is not really compressed
 * makes zlib fail, and webhook-helpers `executeWebhook` wraps every error that is not its own
 * UnprocessableRequestError into "There was a problem executing the workflow", answered 500.
 * raw-body's own "request entity too large" (a Content-Length over N8N_PAYLOAD_SIZE_MAX, 16 MiB
 * by default) is wrapped the same way. The trigger never runs for these requests and no
 * execution is stored; a node cannot opt out of that reader short of reading raw bodies itself
 * (n8n skips it only for a version-1 node whose options.binaryData is on).
 * Bodies n8n cannot parse (invalid JSON, a BOM, an unknown charset) get n8n's own 422 "Failed to
 * parse request body"; headers over Node's 16 KB limit get Node's 431; a body shorter than its
 * Content-Length or a Content-Length that is not a number gets Node's 400. Those are 4xx and are
 * checked as refusals like the node's own answers.
 */
const N8N_OWN_ANSWERS = {
	badGzip: 'n8n: zlib fails on a body that claims gzip but is not; n8n answers 500 before the trigger runs',
	badDeflate: 'n8n: zlib fails on a body that claims deflate but is not; n8n answers 500 before the trigger runs',
	overPayloadLimit: "n8n: raw-body refuses a Content-Length over N8N_PAYLOAD_SIZE_MAX (16 MiB); n8n wraps its 413 into a 500 before the trigger runs",
};

function hostileCases(): HostileCase[] {
	const cases: HostileCase[] = [];
	const add = (...more: HostileCase[]) => cases.push(...more);

	// Depth.
	add(
		leadCase('3,000 nested objects under an extra field (the reported crash)', 'depth', 'accepted', 'Ada', (lead) => ({
			headers: [JSON_TYPE],
			body: utf8(`{"first_name":"${lead.first_name}","phone":"${lead.phone}","extra":${nestedJson(3000, '{"a":', '}')}}`),
		})),
		leadCase('3,000 nested arrays under an extra field', 'depth', 'accepted', 'Ben', (lead) => ({
			headers: [JSON_TYPE],
			body: utf8(`{"first_name":"${lead.first_name}","phone":"${lead.phone}","extra":${nestedJson(3000, '[', ']')}}`),
		})),
		leadCase('20,000 nested arrays beside the answers in payload (Webflow shape)', 'depth', 'accepted', 'Cleo', (lead) => ({
			headers: [JSON_TYPE],
			body: utf8(`{"payload":{"data":{"Name":"${lead.first_name} Smith","Phone":"${lead.phone}"},"junk":${nestedJson(20_000, '[', ']')}}}`),
		})),
		refused('only 3,000 nested objects, no lead', 'depth', { headers: [JSON_TYPE], body: utf8(`{"x":${nestedJson(3000, '{"a":', '}')}}`) }),
		refused('3,000 nested arrays as the whole body', 'not an object', { headers: [JSON_TYPE], body: utf8(nestedJson(3000, '[', ']')) }),
	);

	// Size.
	add(
		refused('5 MB JSON body with a valid lead', 'size', { headers: [JSON_TYPE], body: json({ first_name: 'Dan', phone: phone().submitted, blob: 'x'.repeat(5 * 1024 * 1024) }) }),
		refused('1 MB single string field', 'size', { headers: [JSON_TYPE], body: json({ first_name: 'Eve', phone: phone().submitted, message: 'y'.repeat(1024 * 1024) }) }),
		refused('6,000-character extra field in a small body', 'size', { headers: [JSON_TYPE], body: json({ first_name: 'Fay', phone: phone().submitted, notes_extra: 'z'.repeat(6000) }) }),
		refused('gzip body that inflates to 2 MB', 'size', {
			headers: [JSON_TYPE, ['Content-Encoding', 'gzip']],
			body: gzipSync(json({ first_name: 'Gus', phone: phone().submitted, pad: ' '.repeat(2 * 1024 * 1024) })),
		}),
		refused('urlencoded with 10,000 keys', 'size', {
			headers: [FORM_TYPE],
			body: utf8(`first_name=Hal&phone=${encodeURIComponent(phone().submitted)}&${Array.from({ length: 10_000 }, (_, index) => `k${index}=v`).join('&')}`),
		}),
		refused('urlencoded with 5,000 keys (under 64 KB; n8n keeps 1,000)', 'size', {
			headers: [FORM_TYPE],
			body: utf8(`first_name=Hal&phone=${encodeURIComponent(phone().submitted)}&${Array.from({ length: 5000 }, (_, index) => `k${index}=v`).join('&')}`),
		}),
		refused('JSON with 1,000 keys', 'size', {
			headers: [JSON_TYPE],
			body: json(Object.fromEntries([['first_name', 'Ida'], ['phone', phone().submitted], ...Array.from({ length: 1000 }, (_, index) => [`k${index}`, index])])),
		}),
		refused('multipart with 200 parts', 'size', {
			headers: [['Content-Type', 'multipart/form-data; boundary=XyZ']],
			body: multipart('XyZ', [['first_name', 'Jo'], ['phone', phone().submitted], ...Array.from({ length: 200 }, (_, index): [string, string] => [`part${index}`, 'v'])]),
		}),
		leadCase('10,000-character field name', 'size', 'accepted', 'Kay', (lead) => ({ headers: [JSON_TYPE], body: json({ ...lead, ['k'.repeat(10_000)]: 1 }) })),
	);

	// Wrong shapes.
	add(
		refused('top-level array holding a lead', 'not an object', { headers: [JSON_TYPE], body: json([{ first_name: 'Lou', phone: phone().submitted }]) }),
		refused('top-level string', 'not an object', { headers: [JSON_TYPE], body: utf8('"first_name=Max"') }),
		refused('top-level number', 'not an object', { headers: [JSON_TYPE], body: utf8('4155550123') }),
		refused('top-level null', 'not an object', { headers: [JSON_TYPE], body: utf8('null') }),
		refused('text/plain body', 'not an object', { headers: [['Content-Type', 'text/plain']], body: utf8(`first_name=Ned&phone=${phone().submitted}`) }),
		refused('no Content-Type', 'not an object', { headers: [], body: json({ first_name: 'Ola', phone: phone().submitted }) }),
		refused('application/octet-stream', 'not an object', { headers: [['Content-Type', 'application/octet-stream']], body: json({ first_name: 'Pam', phone: phone().submitted }) }),
		refused('XML body', 'not an object', {
			headers: [['Content-Type', 'application/xml']],
			body: utf8(`<callback><first_name>Quin</first_name><phone>${phone().submitted}</phone></callback>`),
		}),
		refused('arrays where objects are expected (payload, data)', 'types', { headers: [JSON_TYPE], body: json({ payload: [{ data: [{ Phone: phone().submitted }] }], data: ['x'] }) }),
		leadCase('phone sent as a JSON number', 'types', 'accepted', 'Ray', (lead) => ({ headers: [JSON_TYPE], body: utf8(`{"first_name":"${lead.first_name}","phone":${lead.phone.replace(/\D/g, '')}}`) })),
		refused('booleans for name and phone', 'types', { headers: [JSON_TYPE], body: json({ first_name: true, phone: true }) }),
		refused('phone[]=…&phone[]=… (two phones)', 'types', { headers: [FORM_TYPE], body: utf8(`first_name=Sam&phone[]=${encodeURIComponent(phone().submitted)}&phone[]=${encodeURIComponent(phone().submitted)}`) }),
		refused('phone[a][b]=', 'types', { headers: [FORM_TYPE], body: utf8('first_name=Tom&phone[a][b]=') }),
		refused('phone as 1e400 (Infinity once parsed)', 'types', { headers: [JSON_TYPE], body: utf8('{"first_name":"Uma","phone":1e400}') }),
		refused('preferred time as an object', 'types', { headers: [JSON_TYPE], body: json({ first_name: 'Val', phone: phone().submitted, preferred_time: { $date: 1 } }) }),
	);

	// Encodings.
	add(
		leadCase('NUL bytes in name and phone (JSON)', 'encoding', 'accepted', 'Wes', (lead) => ({
			headers: [JSON_TYPE],
			body: json({ first_name: `W\u0000es`, phone: `${lead.phone.slice(0, 5)}\u0000${lead.phone.slice(5)}` }),
		})),
		leadCase('NUL bytes in name and phone (urlencoded)', 'encoding', 'accepted', 'Xia', (lead) => ({
			headers: [FORM_TYPE],
			body: utf8(`first_name=X%00ia&phone=${encodeURIComponent(lead.phone)}%00`),
		})),
		leadCase('invalid UTF-8 bytes in an extra JSON field', 'encoding', 'accepted', 'Yan', (lead) => ({
			headers: [JSON_TYPE],
			body: Buffer.concat([utf8(`{"first_name":"${lead.first_name}","phone":"${lead.phone}","note":"`), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), utf8('"}')]),
		})),
		leadCase('invalid UTF-8 bytes inside the name (JSON)', 'encoding', 'either', 'Zoe', (lead) => ({
			headers: [JSON_TYPE],
			body: Buffer.concat([utf8('{"first_name":"Z'), Buffer.from([0xff]), utf8(`oe","phone":"${lead.phone}"}`)]),
		})),
		leadCase('invalid UTF-8 bytes in urlencoded (raw and %FF)', 'encoding', 'either', 'Abe', (lead) => ({
			headers: [FORM_TYPE],
			body: Buffer.concat([utf8(`first_name=Abe%FF&phone=${encodeURIComponent(lead.phone)}&note=`), Buffer.from([0xff, 0xc0, 0x80])]),
		})),
		leadCase('lone surrogate escapes \\ud800 / \\udc00', 'encoding', 'accepted', 'Bea', (lead) => ({
			headers: [JSON_TYPE],
			body: utf8(`{"first_name":"B\\ud800ea","phone":"\\udc00${lead.phone}","note":"\\ud800"}`),
		})),
		leadCase('BOM-prefixed JSON', 'encoding', 'either', 'Cal', (lead) => ({ headers: [JSON_TYPE], body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json(lead)]) })),
		refused('charset=utf-16 declared on UTF-8 JSON', 'encoding', { headers: [['Content-Type', 'application/json; charset=utf-16']], body: json({ first_name: 'Dee', phone: phone().submitted }) }),
		leadCase('charset=utf-16le with a real UTF-16LE body', 'encoding', 'either', 'Eli', (lead) => ({
			headers: [['Content-Type', 'application/json; charset=utf-16le']],
			body: Buffer.from(JSON.stringify(lead), 'utf16le'),
		})),
		{ name: 'Content-Encoding: gzip on a body that is not gzip', group: 'n8n body reader', request: { headers: [JSON_TYPE, ['Content-Encoding', 'gzip']], body: json({ first_name: 'Flo', phone: phone().submitted }) }, expect: { kind: 'n8n', status: 500, why: N8N_OWN_ANSWERS.badGzip } },
		{ name: 'Content-Encoding: deflate on a body that is not deflate', group: 'n8n body reader', request: { headers: [JSON_TYPE, ['Content-Encoding', 'deflate']], body: json({ first_name: 'Gil', phone: phone().submitted }) }, expect: { kind: 'n8n', status: 500, why: N8N_OWN_ANSWERS.badDeflate } },
		{
			name: 'Content-Length of 17 MiB (over n8n’s payload limit), first bytes only',
			group: 'n8n body reader',
			request: { headers: [JSON_TYPE], body: utf8('{"first_name":"Hugh","phone":"'), contentLength: 17 * 1024 * 1024 },
			expect: { kind: 'n8n', status: 500, why: N8N_OWN_ANSWERS.overPayloadLimit },
		},
		leadCase('Content-Encoding: br that n8n does not decode (plain JSON)', 'encoding', 'either', 'Hop', (lead) => ({ headers: [JSON_TYPE, ['Content-Encoding', 'br']], body: json(lead) })),
		leadCase('real gzip of a valid lead', 'encoding', 'accepted', 'Ivy', (lead) => ({ headers: [JSON_TYPE, ['Content-Encoding', 'gzip']], body: gzipSync(json(lead)) })),
	);

	// Syntax and framing.
	add(
		refused('invalid JSON', 'syntax', { headers: [JSON_TYPE], body: utf8('{"first_name":"Jay","phone":') }),
		leadCase('duplicate keys (the last one counts)', 'syntax', 'accepted', 'Kim', (lead) => ({
			headers: [JSON_TYPE],
			body: utf8(`{"first_name":"x1","phone":"12","first_name":"${lead.first_name}","phone":"${lead.phone}"}`),
		})),
		refused('empty body', 'syntax', { headers: [JSON_TYPE], body: Buffer.alloc(0) }),
		refused('whitespace body', 'syntax', { headers: [JSON_TYPE], body: utf8(' \n\t ') }),
		refused('multipart without a boundary', 'syntax', { headers: [['Content-Type', 'multipart/form-data']], body: multipart('abc', [['first_name', 'Lea'], ['phone', phone().submitted]]) }),
		refused('Content-Length shorter than the body', 'framing', { headers: [JSON_TYPE], body: json({ first_name: 'Mo', phone: phone().submitted }), contentLength: 10 }),
		refused('Content-Length longer than the body, sender half-closes', 'framing', {
			headers: [JSON_TYPE],
			body: json({ first_name: 'Mia', phone: phone().submitted }),
			contentLength: 5000,
			halfClose: true,
		}),
		refused('Content-Length that is not a number', 'framing', { headers: [JSON_TYPE], body: json({ first_name: 'Nia', phone: phone().submitted }), contentLength: 'lots' }),
		leadCase('chunked body (no Content-Length)', 'framing', 'accepted', 'Oli', (lead) => ({ headers: [JSON_TYPE], body: json(lead), chunked: true })),
		leadCase('chunked multipart form', 'framing', 'accepted', 'Pia', (lead) => ({
			headers: [['Content-Type', 'multipart/form-data; boundary=b0undary']],
			body: multipart('b0undary', [['first_name', lead.first_name], ['phone', lead.phone]]),
			chunked: true,
		})),
	);

	// Prototype keys and headers.
	add(
		leadCase('__proto__ / constructor.prototype pollution attempt', 'prototype', 'accepted', 'Rex', (lead) => ({
			headers: [JSON_TYPE],
			body: utf8(`{"__proto__":{"isAdmin":true,"phone":"1"},"constructor":{"prototype":{"polluted":true}},"first_name":"${lead.first_name}","phone":"${lead.phone}","prototype":1}`),
		})),
		leadCase('__proto__[polluted]=1 in urlencoded', 'prototype', 'accepted', 'Sue', (lead) => ({
			headers: [FORM_TYPE],
			body: utf8(`__proto__[polluted]=1&__proto__=x&first_name=${lead.first_name}&phone=${encodeURIComponent(lead.phone)}`),
		})),
		leadCase('12 KB User-Agent and Referer', 'headers', 'accepted', 'Ted', (lead) => ({
			headers: [JSON_TYPE, ['User-Agent', `Mozilla/5.0 ${'u'.repeat(6000)}`], ['Referer', `https://example.com/${'r'.repeat(6000)}`]],
			body: json(lead),
		})),
		refused('headers over Node’s 16 KB limit', 'headers', { headers: [JSON_TYPE, ['X-Padding', 'p'.repeat(20_000)]], body: json({ first_name: 'Una', phone: phone().submitted }) }),
		refused('browser form post with a NUL-only name', 'pages', {
			headers: [FORM_TYPE, ['Accept', 'text/html']],
			body: utf8(`_form=hosted&first_name=%00%00&phone=${encodeURIComponent(phone().submitted)}`),
		}),
	);
	return cases;
}

describe('Callback Request Trigger: hostile bodies in a real n8n', () => {
	let n8n: N8nHandle;
	let workflow: StoredWorkflow;

	beforeAll(async () => {
		n8n = await startN8n();
		workflow = await n8n.api.importAndActivate(template);
	}, FIRST_START_TIMEOUT_MS);

	afterAll(async () => {
		await n8n?.stop();
	});

	it('answers every hostile request with a 4xx or an accepted valid lead, and starts executions only for those leads', async () => {
		const cases = hostileCases();
		expect(cases.length).toBeGreaterThanOrEqual(40);
		const executionsBefore = (await n8n.api.listExecutions(workflow.id)).length;

		const results: Array<{ testCase: HostileCase; answer: RawAnswer }> = [];
		for (const testCase of cases) results.push({ testCase, answer: await rawPost(n8n.port, testCase.request) });

		// The figures, printed before any assertion so a failure still shows them.
		const rows = results.map(
			({ testCase, answer }) =>
				`${String(answer.status).padEnd(4)} ${testCase.group.padEnd(16)} ${testCase.name.padEnd(62)} ${answer.json?.ok === true ? 'accepted' : String(answer.json?.message ?? answer.text.split('\n')[0]).slice(0, 90)}`,
		);
		const byStatus = new Map<number, number>();
		for (const { answer } of results) byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
		console.log(`${rows.join('\n')}\n\nanswers by status: ${[...byStatus].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(', ')}`);

		const acceptedLeads = new Map<string, { firstName: string; e164: string; name: string }>();
		for (const { testCase, answer } of results) {
			const where = `${testCase.name}: ${answer.status} ${answer.text.slice(0, 300)}`;
			const expectation = testCase.expect;
			if (expectation.kind === 'n8n') {
				// n8n's own answer, before the trigger runs (see N8N_OWN_ANSWERS).
				expect({ where, status: answer.status }).toEqual({ where, status: expectation.status });
				continue;
			}
			const isRefusal = answer.status >= 400 && answer.status < 500;
			const isAcceptance = answer.status >= 200 && answer.status < 300;
			if (expectation.kind === 'refused') {
				expect({ where, refused: isRefusal }).toEqual({ where, refused: true });
				continue;
			}
			if (expectation.kind === 'accepted') expect({ where, accepted: isAcceptance }).toEqual({ where, accepted: true });
			else expect({ where, answered4xxOr2xx: isRefusal || isAcceptance }).toEqual({ where, answered4xxOr2xx: true });
			if (isAcceptance) {
				expect({ where, answer: answer.json }).toEqual({ where, answer: expect.objectContaining({ ok: true, callbackId: expect.stringMatching(/^cb_/), duplicate: false }) });
				acceptedLeads.set(answer.json?.callbackId as string, { firstName: expectation.firstName, e164: expectation.e164, name: testCase.name });
			}
		}
		// The package never answers 5xx: the only 5xx are n8n's own, listed above.
		const fiveHundreds = results.filter(({ answer }) => answer.status >= 500).map(({ testCase }) => testCase.name);
		expect(fiveHundreds).toEqual(cases.filter(({ expect: e }) => e.kind === 'n8n' && e.status >= 500).map(({ name }) => name));

		// Every execution is a success whose item is one of the accepted leads, and there is one per lead.
		const expected = executionsBefore + acceptedLeads.size;
		const executions = await n8n.api.waitForExecutions(workflow.id, expected, 60_000);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const settledCount = (await n8n.api.listExecutions(workflow.id)).length;
		console.log(
			`executions: ${executionsBefore} before, ${settledCount} after; ${acceptedLeads.size} leads accepted; ` +
				`statuses: ${executions.map((execution) => execution.status).join(',') || 'none'}`,
		);
		expect(settledCount).toBe(expected);
		const seen = new Set<string>();
		for (const execution of executions) {
			expect({ id: execution.id, status: execution.status }).toEqual({ id: execution.id, status: 'success' });
			const [[item]] = outputOf(execution, TRIGGER);
			const callbackId = item.callbackId as string;
			const lead = acceptedLeads.get(callbackId);
			expect({ callbackId, known: lead !== undefined }).toEqual({ callbackId, known: true });
			const contact = item.contact as Record<string, unknown>;
			expect({ case: lead?.name, firstName: contact.firstName, phone: contact.phone }).toEqual({ case: lead?.name, firstName: lead?.firstName, phone: lead?.e164 });
			expect(JSON.stringify(item)).not.toMatch(/\\u0000|\\ud[89a-f]|\uFFFD|__proto__|polluted/i);
			expect(((item.consent as Record<string, unknown>).userAgent as string | null)?.length ?? 0).toBeLessThanOrEqual(1000);
			seen.add(callbackId);
		}
		expect(seen.size).toBe(acceptedLeads.size);

		// n8n is still serving, and nothing leaked into Object.prototype of this process either.
		const after = await rawPost(n8n.port, { headers: [JSON_TYPE], body: json({ first_name: 'Zed', phone: '12' }) });
		expect(after.status).toBe(422);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
