import axios from 'axios';
import { DateTime } from 'luxon';

import { callableDemoPhones } from '../../scripts/demoLeadPhones';
import { startDemo, type Demo } from '../../scripts/demoSetup';
import { freePort } from '../harness';

const FUNNEL = 'Request-a-callback funnel (call business, then lead)';
const TEAM = '+14155550123';

/** A zone where it is night now: the browser of a person trying the demo at 5 AM. */
function zoneAtNight(now: Date): string {
	const zones = ['America/New_York', 'Europe/London', 'Asia/Tokyo', 'Pacific/Honolulu', 'Australia/Sydney'];
	return zones.find((zone) => {
		const hour = DateTime.fromJSDate(now).setZone(zone).hour;
		return hour < 7 || hour >= 22;
	})!;
}

/** A demo number where it is daytime now, ending in `lastDigit`. */
function demoLead(lastDigit: string, now = new Date()): string {
	const [phone] = callableDemoPhones(now);
	return phone.number.replace(/\s/g, '').replace(/\d$/, lastDigit);
}

describe('npm run demo: the funnel at any hour with simulated phones', () => {
	let demo: Demo;
	const running = {};

	beforeAll(async () => {
		demo = await startDemo({ port: await freePort(), sandboxPort: 0, running });
	}, 15 * 60_000);

	afterAll(async () => {
		await demo?.n8n.stop();
		await demo?.sandbox.stop();
	});

	it('publishes every template and says on the form how the demo phones behave', async () => {
		expect(demo.published.map((workflow) => workflow.name)).toContain(FUNNEL);
		const page = await axios.get<string>(demo.n8n.api.webhookUrl('request-a-callback'), { responseType: 'text' });
		expect(page.data).toContain('Demo: the phones are simulated');
		expect(page.data).toContain('ends in 7: Nobody answers');
	});

	it('a lead who answers: texted, the team rung, the lead bridged and thanked, seconds after the form is sent, whatever the hour', async () => {
		const lead = demoLead('1');
		const sent = Date.now();
		const response = await axios.post(demo.n8n.api.webhookUrl('request-a-callback'), {
			first_name: 'Sam',
			phone: lead,
			reason: 'Trying the demo',
			// The person's browser is where it is night; the lead's clock is told from the number.
			timezone: zoneAtNight(new Date()),
			consent: 'yes',
		});
		expect(response.data.ok).toBe(true);
		const teamCall = await demo.sandbox.client.waitForCall((call) => call.to === TEAM, 60_000);
		const leadCall = await demo.sandbox.client.waitForCall((call) => call.to === lead && call.status === 'completed', 120_000);
		const thankYou = await demo.sandbox.client.waitForMessage((message) => message.to === lead && /thank you/i.test(message.body), 120_000);
		const texts = (await demo.sandbox.client.messages({ to: lead })).map((message) => message.body);
		expect(texts.some((body) => /call you/i.test(body))).toBe(true);
		expect(leadCall.from).toBe('+14155550100');
		console.log(
			`demo at ${new Date().toISOString()}: lead ${lead}; form sent → team phone rings ${((Date.parse(teamCall.dateCreated) - sent) / 1000).toFixed(1)} s, → thank-you text ${((Date.parse(thankYou.dateCreated) - sent) / 1000).toFixed(1)} s`,
		);
		const phonesPage = await axios.get<string>(`${demo.sandbox.baseUrl}/__sandbox/`, { responseType: 'text' });
		expect(phonesPage.data).toContain('Thank you');
	});

	it('a lead whose phone rings out (number ending in 7): Incomplete and a missed-call text', async () => {
		const lead = demoLead('7');
		const response = await axios.post(demo.n8n.api.webhookUrl('request-a-callback'), { first_name: 'Alex', phone: lead, reason: 'Trying the demo', consent: 'yes' });
		expect(response.data.ok).toBe(true);
		const missed = await demo.sandbox.client.waitForMessage((message) => message.to === lead && /tried to call you/i.test(message.body), 180_000);
		expect(missed.body).toContain('Acme Plumbing');
		const calls = await demo.sandbox.client.calls({ to: lead });
		expect(calls.map((call) => call.status)).toEqual(['no-answer']);
	});
});
