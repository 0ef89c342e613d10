import type { SandboxRequest } from '../twilioSandbox';
import { ContractTally, specProblems } from './twilioContract';

const ACCOUNT = `AC${'0f'.repeat(16)}`;

function request(method: string, path: string, params: Record<string, string[]> = {}, query: Record<string, string[]> = {}): SandboxRequest {
	return {
		id: 1,
		at: '2026-11-18T15:00:00.000Z',
		method,
		path,
		query,
		operationId: null,
		accountSid: ACCOUNT,
		authenticatedAs: ACCOUNT,
		params,
		issues: [],
		status: 201,
		errorCode: null,
		errorMessage: null,
		responseIssues: [],
		faultStatus: null,
	};
}

const messages = `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`;

describe('the contract check itself', () => {
	it('accepts a Create Message the spec allows', () => {
		expect(specProblems(request('POST', messages, { To: ['+14155552671'], From: ['+14155550100'], Body: ['Hi'] }))).toEqual([]);
	});

	it('catches a misspelt field, an indexed list, a wrong route and a body on a read', () => {
		expect(specProblems(request('POST', messages, { To: ['+14155552671'], Form: ['+14155550100'], Body: ['Hi'] }))).toEqual([expect.stringContaining('Form')]);
		expect(specProblems(request('POST', messages, { To: ['+14155552671'], 'MediaUrl[0]': ['https://example.com/a.png'], From: ['+14155550100'] })).length).toBeGreaterThan(0);
		expect(specProblems(request('POST', `/2010-04-01/Accounts/${ACCOUNT}/Texts.json`))).toEqual([expect.stringContaining('no operation of the spec')]);
		expect(specProblems(request('GET', messages, { To: ['+14155552671'] }))).toEqual([expect.stringContaining('body the operation does not take')]);
	});

	it('catches a query field the list operation does not define', () => {
		expect(specProblems(request('GET', messages, {}, { Recipient: ['+14155552671'] }))).toEqual([expect.stringContaining('Recipient')]);
	});

	it('tallies what it checked', () => {
		const tally = new ContractTally();
		tally.add([{ ...request('GET', messages), operationId: 'ListMessage' }, { ...request('POST', messages), operationId: 'CreateMessage' }]);
		expect(tally.summary()).toBe('2 Twilio requests checked against the spec: ListMessage 1, CreateMessage 1');
	});
});
