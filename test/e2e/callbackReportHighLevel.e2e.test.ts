import axios from 'axios';

import { HighLevelDouble } from '../highLevelDouble';
import { startN8n, type N8nHandle, type WorkflowJson } from '../harness';

/**
 * The callback report reading HighLevel, in a real n8n: Tag Router (HighLevel store) records a
 * known mix of callbacks from items shaped as the funnel's nodes send them (the request, Bridge
 * Call's and Voicemail Drop's results, the lead's text); the Callback Report node, set to the
 * HighLevel store, reads the contacts and notes back and its figures are that mix.
 */
type Json = Record<string, unknown>;

/** Webhook → Set (the body as the item) → Tag Router (Set Status, HighLevel) → answer. */
function statusWorkflow(credentialId: string): WorkflowJson {
	return {
		name: 'Status changes in HighLevel (test)',
		nodes: [
			{ id: 's1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'hl-report-status', parameters: { httpMethod: 'POST', path: 'hl-report-status', responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} } },
			{ id: 's2', name: 'Item', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [220, 0], parameters: { mode: 'raw', jsonOutput: '={{ JSON.stringify($json.body) }}', options: {} } },
			{
				id: 's3',
				name: 'Tag Router',
				type: 'n8n-nodes-callback.tagRouter',
				typeVersion: 1,
				position: [440, 0],
				credentials: { callbackHighLevelApi: { id: credentialId, name: 'HighLevel double (report)' } },
				parameters: {
					store: 'highLevel',
					operation: 'setStatus',
					phone: '={{ $json.phone }}',
					status: '={{ $json.status }}',
					optOut: '={{ $json.optOut === true }}',
					onIllegalMove: 'newCallback',
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Item', type: 'main', index: 0 }]] },
			Item: { main: [[{ node: 'Tag Router', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Webhook → Callback Report (Get Metrics from HighLevel, the last 30 days, UTC) → answer. */
function reportWorkflow(credentialId: string): WorkflowJson {
	return {
		name: 'Report from HighLevel (test)',
		nodes: [
			{ id: 'r1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'hl-report-data', parameters: { httpMethod: 'GET', path: 'hl-report-data', responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} } },
			{
				id: 'r2',
				name: 'Callback Report',
				type: 'n8n-nodes-callback.callbackReport',
				typeVersion: 1,
				position: [220, 0],
				credentials: { callbackHighLevelApi: { id: credentialId, name: 'HighLevel double (report)' } },
				parameters: { operation: 'metrics', store: 'highLevel', businessTimezone: 'UTC', period: 'last30Days' },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Callback Report', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const at = (start: number, seconds: number): string => new Date(start + seconds * 1000).toISOString();

/** Bridge Call's result once Twilio reported the call. */
function bridgeCall(placedAt: string, talkSeconds: number | null): Json {
	const connected = talkSeconds !== null;
	return { phase: 'reported', placedAt, endedAt: new Date(Date.parse(placedAt) + (connected ? 20 + talkSeconds : 30) * 1000).toISOString(), connected, talkSeconds, outcome: connected ? 'completed' : 'no-answer' };
}

describe('the callback report reading HighLevel in a real n8n', () => {
	let n8n: N8nHandle;
	const double = new HighLevelDouble({ locationId: 'loc_report' });

	beforeAll(async () => {
		await double.start();
		n8n = await startN8n();
		const credential = await n8n.api.createCredential({ name: 'HighLevel double (report)', type: 'callbackHighLevelApi', data: { token: double.token, locationId: double.locationId, baseUrl: double.baseUrl } });
		await n8n.api.importAndActivate(statusWorkflow(credential.id));
		await n8n.api.importAndActivate(reportWorkflow(credential.id));
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await double.stop();
	});

	it('counts the mix the funnel recorded on the contacts: reached, missed twice with a voicemail, cancelled by text, opted out', async () => {
		const post = async (body: Json) => {
			const response = await axios.post(n8n.api.webhookUrl('hl-report-status'), body, { validateStatus: () => true });
			expect(response.status).toBe(200);
			return response.data as Json;
		};
		const reached = '+12125550201';
		const missed = '+12125550202';
		const cancelled = '+12125550203';
		const optedOut = '+12125550204';
		const start = Date.now();
		await post({ phone: reached, status: 'pending', source: 'hosted-form' });
		await post({ phone: missed, status: 'pending', source: 'missed-call' });
		await post({ phone: cancelled, status: 'pending', source: 'sms' });
		await post({ phone: optedOut, status: 'pending', source: 'hosted-form' });
		// The first calls, a minute after the requests.
		await post({ phone: reached, status: 'complete', callback: { attempt: 1, attemptAt: at(start, 60) }, bridgeCall: bridgeCall(at(start, 60), 120) });
		await post({ phone: missed, status: 'incomplete', callback: { attempt: 1, attemptAt: at(start, 60) }, bridgeCall: bridgeCall(at(start, 60), null) });
		await post({ phone: missed, status: 'pending', callback: { attempt: 2 } });
		await post({ phone: missed, status: 'incomplete', callback: { attempt: 2, attemptAt: at(start, 180) }, bridgeCall: bridgeCall(at(start, 180), null) });
		// The last miss reaches Failed with the voicemail left after it.
		await post({ phone: missed, status: 'failed', callback: { attempt: 2, attemptAt: at(start, 180) }, bridgeCall: bridgeCall(at(start, 180), null), voicemailDrop: { phase: 'reported', placedAt: at(start, 240), outcome: 'voicemail-left' } });
		await post({ phone: cancelled, status: 'cancelled', reply: { body: 'NOCALL', command: 'cancel' } });
		await post({ phone: optedOut, status: 'cancelled', optOut: true, reply: { body: 'STOP', command: 'optOut' } });

		const report = await axios.get(n8n.api.webhookUrl('hl-report-data'), { validateStatus: () => true });
		expect(report.status).toBe(200);
		const figures = (report.data as { figures: Json }).figures;
		console.log(`report from HighLevel: ${JSON.stringify(figures)}`);
		expect(figures).toMatchObject({
			requests: 4,
			reached: 1,
			finished: 2,
			reachRate: 0.5,
			reachedOnAttempt1: 1,
			reachedOnAttempt2: 0,
			failed: 1,
			cancelled: 2,
			cancelledByLead: 2,
			cancelledBeforeFirstCall: 2,
			optedOut: 1,
			callsPlaced: 3,
			voicemailsLeft: 1,
			called: 2,
		});
		// A minute from each request to its first call, give or take the requests' own time.
		expect(figures.medianSecondsToFirstCall).toBeGreaterThan(50);
		expect(figures.medianSecondsToFirstCall).toBeLessThanOrEqual(60);
		expect((report.data as { perChannel: Array<{ channel: string; requests: number }> }).perChannel.filter((row) => row.requests > 0).map((row) => [row.channel, row.requests])).toEqual([
			['form', 2],
			['missedCall', 1],
			['sms', 1],
		]);
		// It read the contacts with a status tag and their notes, every request within HighLevel's API.
		expect(double.requests.filter((request) => request.operationId === 'search-contacts-advanced')).toHaveLength(1);
		expect(double.requests.filter((request) => request.operationId === 'get-all-notes')).toHaveLength(4);
		expect(double.requests.filter((request) => request.errors.length > 0)).toEqual([]);
		expect(double.violations).toEqual([]);
	});
});
