import { readFileSync } from 'node:fs';
import path from 'node:path';

import { OpenApiValidator, TWILIO_SPEC_PATH, checkFormat, type FieldRule, type SpecOperation } from '../../twilioSandbox/openApiValidator';

const validator = OpenApiValidator.fromFile();
const ACCOUNT = `AC${'a'.repeat(32)}`;

/** A value the spec accepts for one field, derived from its schema alone. */
function validValue(rule: FieldRule): string {
	const schema = rule.valueSchema;
	if (schema.enum !== undefined) return String(schema.enum[0]);
	if (schema.type === 'integer') return String(schema.minimum ?? 1);
	if (schema.type === 'number') return '1.5';
	if (schema.type === 'boolean') return 'true';
	if (schema.pattern !== undefined) {
		const prefix = /^\^\(?([A-Z]{2})/.exec(schema.pattern)?.[1];
		if (prefix === undefined) throw new Error(`no generator for pattern ${schema.pattern}`);
		return `${prefix}${'0123456789abcdef'.repeat(2)}`;
	}
	switch (schema.format) {
		case 'uri':
			return 'https://hooks.example.com/twilio';
		case 'phone-number':
		case 'endpoint':
			return '+14155552671';
		case 'date-time':
			return '2024-05-01T10:00:00Z';
		case 'date':
			return '2024-05-01';
		case 'iso-country-code':
			return 'US';
		default:
			return 'text';
	}
}

function form(entries: [string, string][]): URLSearchParams {
	const params = new URLSearchParams();
	for (const [name, value] of entries) params.append(name, value);
	return params;
}

function operationWithBody(operationId: string): SpecOperation & { bodyFields: FieldRule[] } {
	const operation = validator.operation(operationId);
	if (operation.bodyFields === undefined) throw new Error(`${operationId} takes no body`);
	return operation as SpecOperation & { bodyFields: FieldRule[] };
}

describe('the spec file', () => {
	const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

	it('comes from the exact-pinned @twilio-alpha/mcp dev dependency, inside the repository', () => {
		const manifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
		expect(manifest.devDependencies['@twilio-alpha/mcp']).toMatch(/^\d+\.\d+\.\d+$/);
		expect(path.relative(repositoryRoot, TWILIO_SPEC_PATH).split(path.sep)).toEqual(['node_modules', '@twilio-alpha', 'mcp', 'twilio-oai', 'spec', 'json', 'twilio_api_v2010.json']);
	});

	it('types the same ten form fields as arrays, so the array quirk still applies', () => {
		const arrayFields = validator
			.operationIds()
			.flatMap((id) => (validator.operation(id).bodyFields ?? []).filter((rule) => rule.repeatable).map((rule) => `${id}.${rule.name}`));
		expect(arrayFields.sort()).toEqual(
			[
				'CreateCall.RecordingStatusCallbackEvent',
				'CreateCall.StatusCallbackEvent',
				'CreateCallRecording.RecordingStatusCallbackEvent',
				'CreateMessage.MediaUrl',
				'CreateMessage.PersistentAction',
				'CreateParticipant.ConferenceRecordingStatusCallbackEvent',
				'CreateParticipant.ConferenceStatusCallbackEvent',
				'CreateParticipant.RecordingStatusCallbackEvent',
				'CreateParticipant.StatusCallbackEvent',
				'UpdateConnectApp.Permissions',
			].sort(),
		);
	});

	it('documents only the 201 answer of Create Call', () => {
		expect(validator.operation('CreateCall').successStatus).toBe(201);
	});
});

describe('routing by the spec', () => {
	it('finds operations by method and path template and extracts the path parameters', () => {
		const match = validator.match('POST', `/2010-04-01/Accounts/${ACCOUNT}/Calls/CA${'b'.repeat(32)}.json`);
		expect(match.kind).toBe('operation');
		if (match.kind !== 'operation') return;
		expect(match.operation.operationId).toBe('UpdateCall');
		expect(match.pathParams).toEqual({ AccountSid: ACCOUNT, Sid: `CA${'b'.repeat(32)}` });
	});

	it('prefers a literal segment over a {Sid} placeholder', () => {
		const match = validator.match('GET', `/2010-04-01/Accounts/${ACCOUNT}/IncomingPhoneNumbers/Local.json`);
		expect(match.kind === 'operation' && match.operation.operationId).toBe('ListIncomingPhoneNumberLocal');
	});

	it('tells a wrong method from an unknown path', () => {
		expect(validator.match('PUT', `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`)).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'POST'] });
		expect(validator.match('GET', `/2010-04-01/Accounts/${ACCOUNT}/Messages`).kind).toBe('no-route');
		expect(validator.match('GET', '/2010-04-01/Nope.json').kind).toBe('no-route');
	});

	it('knows the list key of list operations from the response schema', () => {
		expect(validator.operation('ListMessage').listKey).toBe('messages');
		expect(validator.operation('ListCall').listKey).toBe('calls');
		expect(validator.operation('ListIncomingPhoneNumber').listKey).toBe('incoming_phone_numbers');
		expect(validator.operation('FetchCall').listKey).toBeUndefined();
	});
});

describe('request bodies', () => {
	it('accepts, for every operation of the spec with a form body, a body holding every field with a value its schema allows', () => {
		const withBodies = validator.operationIds().map((id) => validator.operation(id)).filter((operation) => operation.bodyFields !== undefined);
		expect(withBodies.length).toBeGreaterThanOrEqual(60);
		for (const operation of withBodies) {
			const fields = operation.bodyFields ?? [];
			const { issues } = validator.validateBody(operation, form(fields.map((rule) => [rule.name, validValue(rule)])));
			expect({ operation: operation.operationId, issues }).toEqual({ operation: operation.operationId, issues: [] });
		}
	});

	it('coerces form strings to the declared types', () => {
		const { issues, params } = validator.validateBody(
			operationWithBody('CreateCall'),
			form([
				['To', '+14155552671'],
				['From', '+14155550101'],
				['Timeout', '25'],
				['Record', 'true'],
				['Url', 'https://hooks.example.com/voice'],
			]),
		);
		expect(issues).toEqual([]);
		expect(params.integer('Timeout')).toBe(25);
		expect(params.boolean('Record')).toBe(true);
		expect(params.string('To')).toBe('+14155552671');
	});

	it.each([
		['Timeout', 'soon', 'type'],
		['Timeout', '601', 'range'],
		['Record', 'yes', 'type'],
		['Method', 'PUT', 'enum'],
		['MachineDetection', 'enable', 'enum'],
		['Byoc', 'BYnothex', 'length'],
		['Url', 'not a url', 'format'],
		['StatusCallback', 'https://bad_host.example.com/x', 'format'],
		['To', '+15555550100', 'format'],
	])('refuses %s=%s (%s)', (name, value, problem) => {
		const fields = new Map([
			['To', '+14155552671'],
			['From', '+14155550101'],
		]);
		fields.set(name, value);
		const { issues } = validator.validateBody(operationWithBody('CreateCall'), form([...fields]));
		expect(issues.map((issue) => [issue.parameter, issue.problem])).toContainEqual([name, problem]);
		expect(issues.find((issue) => issue.parameter === name)?.message).toContain(name);
	});

	it('reports required fields that are missing or empty', () => {
		const { issues } = validator.validateBody(operationWithBody('CreateCall'), form([['To', '']]));
		expect(issues.map((issue) => [issue.parameter, issue.problem])).toEqual([
			['To', 'missing'],
			['From', 'missing'],
		]);
	});

	it('refuses parameter names the operation does not define, with a hint for a wrong case', () => {
		const { issues } = validator.validateBody(
			operationWithBody('CreateMessage'),
			form([
				['to', '+14155552671'],
				['StatusCallbak', 'https://hooks.example.com/status'],
			]),
		);
		expect(issues.filter((issue) => issue.problem === 'unknown').map((issue) => issue.parameter)).toEqual(['to', 'StatusCallbak']);
		expect(issues.find((issue) => issue.parameter === 'to')?.message).toContain("did you mean 'To'");
	});

	it('refuses array keys written with brackets (qs style), which Twilio would silently ignore', () => {
		const { issues } = validator.validateBody(
			operationWithBody('CreateCall'),
			form([
				['To', '+14155552671'],
				['From', '+14155550101'],
				['StatusCallbackEvent[0]', 'initiated'],
				['StatusCallbackEvent[1]', 'completed'],
			]),
		);
		expect(issues.map((issue) => [issue.parameter, issue.problem])).toEqual([
			['StatusCallbackEvent[0]', 'unknown'],
			['StatusCallbackEvent[1]', 'unknown'],
		]);
		expect(issues[0]?.message).toContain("repeating 'StatusCallbackEvent'");
	});

	describe('the array quirk (StatusCallbackEvent and the other array-typed form fields)', () => {
		const call = (events: string[]): ReturnType<OpenApiValidator['validateBody']> =>
			validator.validateBody(
				operationWithBody('CreateCall'),
				form([['To', '+14155552671'], ['From', '+14155550101'], ...events.map((event): [string, string] => ['StatusCallbackEvent', event])]),
			);

		it('accepts a single value', () => {
			const { issues, params } = call(['completed']);
			expect(issues).toEqual([]);
			expect(params.strings('StatusCallbackEvent')).toEqual(['completed']);
		});

		it('accepts the key repeated', () => {
			const { issues, params } = call(['initiated', 'ringing', 'answered', 'completed']);
			expect(issues).toEqual([]);
			expect(params.strings('StatusCallbackEvent')).toEqual(['initiated', 'ringing', 'answered', 'completed']);
		});

		it('still checks each item (event names the spec states in prose)', () => {
			expect(call(['initiated', 'picked-up']).issues.map((issue) => issue.problem)).toEqual(['enum']);
		});

		it('refuses a scalar field given twice', () => {
			const { issues } = validator.validateBody(
				operationWithBody('CreateMessage'),
				form([
					['To', '+14155552671'],
					['To', '+14155552672'],
				]),
			);
			expect(issues.map((issue) => [issue.parameter, issue.problem])).toEqual([['To', 'repeated']]);
		});

		it('splits RecordingStatusCallbackEvent on spaces, as its description says', () => {
			const { issues, params } = validator.validateBody(
				operationWithBody('CreateCall'),
				form([
					['To', '+14155552671'],
					['From', '+14155550101'],
					['RecordingStatusCallbackEvent', 'in-progress completed'],
				]),
			);
			expect(issues).toEqual([]);
			expect(params.strings('RecordingStatusCallbackEvent')).toEqual(['in-progress', 'completed']);
		});
	});
});

describe('query and path parameters', () => {
	it('checks list query parameters (range, enum, unknown)', () => {
		const listCalls = validator.operation('ListCall');
		expect(validator.validateQuery(listCalls, new URLSearchParams('PageSize=20&Status=no-answer')).issues).toEqual([]);
		const bad = validator.validateQuery(listCalls, new URLSearchParams('PageSize=0&Status=ended&Sort=asc'));
		expect(bad.issues.map((issue) => [issue.parameter, issue.problem])).toEqual([
			['Sort', 'unknown'],
			['Status', 'enum'],
			['PageSize', 'range'],
		]);
	});

	it('checks path SIDs against their patterns', () => {
		const fetchCall = validator.operation('FetchCall');
		expect(validator.validatePath(fetchCall, { AccountSid: ACCOUNT, Sid: `CA${'0'.repeat(32)}` })).toEqual([]);
		expect(validator.validatePath(fetchCall, { AccountSid: ACCOUNT, Sid: `SM${'0'.repeat(32)}` }).map((issue) => issue.parameter)).toEqual(['Sid']);
	});
});

describe('formats', () => {
	it.each([
		['uri', 'https://example.com/a?b=c', true],
		['uri', '', true],
		['uri', 'ftp://example.com', false],
		['uri', '/relative', false],
		['phone-number', '+14155552671', true],
		['phone-number', '4155552671', false],
		['phone-number', '+15555550100', false],
		['date-time', '2024-05-01T10:00:00+02:00', true],
		['date-time', '2024-05-01', false],
		['date', '2024-05-01', true],
	])('%s %j valid: %s', (format, value, valid) => {
		expect(checkFormat(format, value) === undefined).toBe(valid);
	});
});

describe('responses', () => {
	it('holds a response to every property of the success schema, and nothing else', () => {
		const issues = validator.validateResponse(validator.operation('FetchAccount'), {
			auth_token: 'x',
			date_created: 'Thu, 24 Aug 2023 05:01:45 +0000',
			date_updated: '2023-08-24T05:01:45Z',
			friendly_name: 'x',
			owner_account_sid: ACCOUNT,
			sid: ACCOUNT,
			status: 'open',
			subresource_uris: {},
			uri: '/x',
			extra: 1,
		});
		expect(issues).toEqual([
			"$.date_updated '2023-08-24T05:01:45Z' is not an RFC 2822 date",
			"$.status 'open' is not in its enum",
			'$.type is missing',
			'$.extra is not in the spec',
		]);
	});

	it('allows the phone number `type` Twilio returns, which the pinned spec does not list yet', () => {
		const operation = validator.operation('FetchIncomingPhoneNumber');
		expect(operation.responseSchema?.properties?.type).toEqual({ type: 'string', nullable: true });
		const issues = validator.validateResponse(operation, { type: 'mobile' });
		expect(issues.filter((issue) => issue.startsWith('$.type'))).toEqual([]);
	});
});
