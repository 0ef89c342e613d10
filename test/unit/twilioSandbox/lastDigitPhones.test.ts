import { LAST_DIGIT_PHONES, lastDigitScenario } from '../../twilioSandbox/lastDigitPhones';
import { ScenarioBook, type NumberScenario, type PartyBehaviour } from '../../twilioSandbox/scenarios';
import type { SandboxCall } from '../../twilioSandbox/sandboxClient';
import { startTwilioSandbox, type TwilioSandbox } from '../../twilioSandbox/server';
import { ACCOUNT_SID, AUTH_TOKEN, TWILIO_NUMBER } from './sandboxFixture';

const FINAL = ['completed', 'busy', 'failed', 'no-answer', 'canceled'];

describe('demo phones: behaviour by last digit (ScenarioBook)', () => {
	const book = new ScenarioBook({ phonesByLastDigit: true });

	it('a number ending in 7 rings out', () => {
		expect(book.behaviourFor('+14155552007').pickUp).toEqual({ kind: 'no-answer' });
	});

	it('a number ending in 8 reaches voicemail: greeting, then a beep', () => {
		const behaviour = book.behaviourFor('+14155552008');
		expect(behaviour).toMatchObject({ pickUp: { kind: 'answer', after: 3 }, party: 'voicemail', beep: true, greetingSeconds: 5, answeredBy: 'machine_start' });
		// The same machine as a scenario `voicemail: true` that rings as long.
		expect(behaviour).toEqual(resolve({ number: '+14155552008', voicemail: true, answerAfter: 3 }));
	});

	it('a number ending in 9 is busy', () => {
		expect(book.behaviourFor('+14155552009').pickUp.kind).toBe('busy');
	});

	it.each(['0', '1', '2', '3', '4', '5', '6'])('a number ending in %s is a person who answers after 3 s and talks 20 s', (digit) => {
		expect(book.behaviourFor(`+1415555200${digit}`)).toMatchObject({ pickUp: { kind: 'answer', after: 3 }, party: 'human', answeredBy: 'human', talkFor: 20, sms: 'deliver' });
	});

	it("a number's own scenario wins over its last digit, and reset brings the rule back", () => {
		book.set({ number: '+14155552007', answerAfter: 1 });
		expect(book.behaviourFor('+14155552007').pickUp).toEqual({ kind: 'answer', after: 1 });
		book.set({ number: '+14155552002', busy: true });
		expect(book.behaviourFor('+14155552002').pickUp.kind).toBe('busy');
		book.reset();
		expect(book.phonesByLastDigit).toBe(true);
		expect(book.behaviourFor('+14155552007').pickUp).toEqual({ kind: 'no-answer' });
	});

	it('without the option, every number without a scenario answers after 1 s, whatever its last digit', () => {
		const plain = new ScenarioBook();
		expect(plain.phonesByLastDigit).toBe(false);
		for (const number of ['+14155552007', '+14155552008', '+14155552009', '+14155552002']) {
			expect(plain.behaviourFor(number)).toMatchObject({ pickUp: { kind: 'answer', after: 1 }, party: 'human', talkFor: 10 });
		}
	});

	it('LAST_DIGIT_PHONES says in words what each digit does, every digit covered once', () => {
		expect(LAST_DIGIT_PHONES.map((phone) => phone.ending)).toEqual(['Ends in 7', 'Ends in 8', 'Ends in 9', 'Any other digit']);
		expect(LAST_DIGIT_PHONES.flatMap((phone) => phone.digits).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
		expect(LAST_DIGIT_PHONES[0]?.behaviour).toMatch(/nobody answers/i);
		expect(LAST_DIGIT_PHONES[1]?.behaviour).toMatch(/voicemail/i);
		expect(LAST_DIGIT_PHONES[2]?.behaviour).toMatch(/busy/i);
		expect(LAST_DIGIT_PHONES[3]?.behaviour).toMatch(/answers after 3 s.*20 s/);
		// Each line's digits get the behaviour its words describe.
		const expected: Record<string, Omit<NumberScenario, 'number'>> = {
			'Ends in 7': { noAnswer: true },
			'Ends in 8': { answerAfter: 3, voicemail: true },
			'Ends in 9': { busy: true },
			'Any other digit': { answerAfter: 3, talkFor: 20 },
		};
		for (const phone of LAST_DIGIT_PHONES) {
			for (const digit of phone.digits) expect(lastDigitScenario(`+1415555200${digit}`)).toEqual({ number: `+1415555200${digit}`, ...expected[phone.ending] });
		}
	});
});

function resolve(scenario: NumberScenario): PartyBehaviour {
	const book = new ScenarioBook();
	book.set(scenario);
	return book.behaviourFor(scenario.number);
}

describe('demo phones through the REST API', () => {
	let sandbox: TwilioSandbox;
	let plain: TwilioSandbox;

	beforeAll(async () => {
		const accounts = [{ sid: ACCOUNT_SID, authToken: AUTH_TOKEN, phoneNumbers: [TWILIO_NUMBER] }];
		sandbox = await startTwilioSandbox({ timeScale: 0.05, accounts, phonesByLastDigit: true });
		plain = await startTwilioSandbox({ timeScale: 0.05, accounts });
	});
	afterAll(async () => {
		await sandbox.stop();
		await plain.stop();
	});
	beforeEach(async () => {
		await sandbox.client.reset();
		await plain.client.reset();
	});

	async function call(on: TwilioSandbox, to: string, params: Record<string, string> = {}): Promise<SandboxCall> {
		const response = await on.client.rest({ username: ACCOUNT_SID, password: AUTH_TOKEN }, 'POST', `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, {
			To: to,
			From: TWILIO_NUMBER,
			Twiml: '<Response><Pause length="2"/><Hangup/></Response>',
			Timeout: '10',
			...params,
		});
		expect(response.body?.code).toBeUndefined();
		expect(response.status).toBe(201);
		const sid = String(response.body?.sid);
		return on.client.waitForCall((candidate) => candidate.sid === sid && FINAL.includes(candidate.status));
	}

	function secondsBetween(from: string | null | undefined, to: string | null | undefined): number {
		return (new Date(String(to)).getTime() - new Date(String(from)).getTime()) / 1000;
	}

	it('ends in 7: rings out, no-answer, never answered', async () => {
		const ended = await call(sandbox, '+14155552017');
		expect(ended).toMatchObject({ status: 'no-answer', duration: 0, answeredAt: null });
	});

	it('ends in 8: an answering machine picks up, greets and beeps, and AMD says machine', async () => {
		const ended = await call(sandbox, '+14155552018', { MachineDetection: 'Enable', Twiml: '<Response><Pause length="6"/><Say>Returning your callback.</Say></Response>' });
		expect(ended).toMatchObject({ status: 'completed', answeredBy: 'machine_start' });
		expect(ended.transcript.map((entry) => entry.kind)).toContain('greeting');
		expect(ended.transcript.find((entry) => entry.kind === 'greeting')?.text).toMatch(/then a beep/);
		expect(ended.transcript.find((entry) => entry.kind === 'say')?.heardBy).toBe('voicemail');
	});

	it('ends in 9: busy', async () => {
		const ended = await call(sandbox, '+14155552019');
		expect(ended).toMatchObject({ status: 'busy', duration: 0, answeredAt: null });
	});

	it('any other digit: a person answers after 3 s and, bridged by <Dial>, talks 20 s', async () => {
		const ended = await call(sandbox, '+14155552011', { Twiml: '<Response><Dial timeout="10"><Number>+14155552012</Number></Dial></Response>' });
		expect(ended.status).toBe('completed');
		const ringing = ended.events.find((event) => event.status === 'ringing')?.at;
		// Timers can only run late: one-sided bounds with some room.
		expect(secondsBetween(ringing, ended.answeredAt)).toBeGreaterThanOrEqual(2.9);
		expect(secondsBetween(ringing, ended.answeredAt)).toBeLessThan(5);
		const [lead] = ended.childCalls;
		expect(lead).toMatchObject({ to: '+14155552012', status: 'completed', answeredBy: null });
		expect(lead?.duration).toBeGreaterThanOrEqual(19);
		expect(lead?.duration).toBeLessThanOrEqual(24);
		expect(ended.transcript.some((entry) => entry.kind === 'bridge' && entry.text.startsWith('bridged with +14155552012'))).toBe(true);
	});

	it("a number's own scenario wins: ending in 7 but set to answer, it answers", async () => {
		await sandbox.client.setScenario({ number: '+14155552027', answerAfter: 1 });
		const ended = await call(sandbox, '+14155552027');
		expect(ended.status).toBe('completed');
		expect(ended.answeredAt).not.toBeNull();
	});

	it('without phonesByLastDigit a number ending in 7 still answers (after 1 s)', async () => {
		const ended = await call(plain, '+14155552037');
		expect(ended.status).toBe('completed');
		const ringing = ended.events.find((event) => event.status === 'ringing')?.at;
		expect(secondsBetween(ringing, ended.answeredAt)).toBeLessThan(2.9);
		const nine = await call(plain, '+14155552039');
		expect(nine.status).toBe('completed');
	});
});
