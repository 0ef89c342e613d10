import type { Browser, Page } from 'playwright-core';

import { canvasNode, closeNode, openNode, openWorkflow, parameterRow, saveScreenshot, SHORT, signedInEditor } from '../harness/editor';
import { startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';

/**
 * The trigger's abuse settings as someone who builds the flow sees them, in n8n 2.41.1's editor:
 * the rate limits with their defaults, Risky Requests, and the Held for Review output on the
 * canvas. The workflow is published first, which makes the counter table through n8n's API.
 */

const N8N_VERSION = '2.41.1';
const TRIGGER = 'Website Callback Form';

function workflow(credentialId: string): WorkflowJson {
	return {
		name: 'Public form with abuse protection',
		nodes: [
			{
				parameters: { path: 'protected-form', rateLimits: 'dataTable', riskyRequests: 'hold' },
				name: TRIGGER,
				type: 'n8n-nodes-callback.callbackRequestTrigger',
				typeVersion: 1,
				position: [0, 0],
				id: 'trigger',
				webhookId: 'protected-form',
				credentials: { callbackN8nApi: { id: credentialId, name: 'n8n API' } },
			},
			{ parameters: {}, name: 'Call Back', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [320, -100], id: 'accepted' },
			{ parameters: {}, name: 'Ask a Person', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [320, 100], id: 'held' },
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Call Back', type: 'main', index: 0 }], [{ node: 'Ask a Person', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

const BOOKING_TRIGGER = 'Booking Form';

/** A form that books time slots, cut from the hours of the Schedule Attempt after it. */
function bookingWorkflow(credentialId: string): WorkflowJson {
	return {
		name: 'Booking form with time slots',
		nodes: [
			{
				parameters: { path: 'booking-form', rateLimits: 'dataTable', timeSlots: 'dataTable' },
				name: BOOKING_TRIGGER,
				type: 'n8n-nodes-callback.callbackRequestTrigger',
				typeVersion: 1,
				position: [0, 0],
				id: 'booking-trigger',
				webhookId: 'booking-form',
				credentials: { callbackN8nApi: { id: credentialId, name: 'n8n API' } },
			},
			{
				parameters: { mode: 'waitForReminder', businessTimezone: 'America/New_York', weekdayHours: '09:00-17:00', weekendHours: 'closed' },
				name: 'Wait for Reminder',
				type: 'n8n-nodes-callback.scheduleAttempt',
				typeVersion: 1,
				position: [320, 0],
				id: 'booking-schedule',
			},
			{
				parameters: { operation: 'setStatus', status: 'failed', store: 'dataTable' },
				name: 'Mark Failed',
				type: 'n8n-nodes-callback.tagRouter',
				typeVersion: 1,
				position: [640, 0],
				id: 'booking-mark-failed',
			},
			{
				parameters: { bookingFormUrl: 'https://n8n.example.com/webhook/booking-form' },
				name: 'Free Slots',
				type: 'n8n-nodes-callback.callbackFreeSlots',
				typeVersion: 1,
				position: [640, 200],
				id: 'booking-free-slots',
			},
		],
		connections: {
			[BOOKING_TRIGGER]: { main: [[{ node: 'Wait for Reminder', type: 'main', index: 0 }]] },
			'Wait for Reminder': { main: [[{ node: 'Mark Failed', type: 'main', index: 0 }]] },
			'Mark Failed': { main: [[{ node: 'Free Slots', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

/** Each parameter, found by its label in the open node, shows this value. */
async function expectParameterValues(page: Page, expected: ReadonlyArray<[label: string, name: string, value: string]>): Promise<void> {
	for (const [label, name, value] of expected) {
		const row = parameterRow(page, label);
		await row.waitFor({ timeout: SHORT });
		await row.scrollIntoViewIfNeeded();
		const input = row.locator(`[data-test-id="parameter-input-${name}"] input, [data-test-id="parameter-input-${name}"] textarea`).first();
		expect([label, await input.inputValue()]).toEqual([label, value]);
	}
}

describe(`the trigger's abuse settings in the n8n ${N8N_VERSION} editor`, () => {
	let n8n: N8nHandle;
	let browser: Browser;
	let page: Page;
	let stored: StoredWorkflow;
	let booking: StoredWorkflow;

	beforeAll(async () => {
		n8n = await startN8n({ n8nVersion: N8N_VERSION });
		const credential = await n8n.api.createDataTablesCredential();
		stored = await n8n.api.importAndActivate(workflow(credential.id));
		booking = await n8n.api.importAndActivate(bookingWorkflow(credential.id));
		await n8n.api.waitForWebhook('protected-form');
		({ browser, page } = await signedInEditor(n8n.baseUrl));
	}, 15 * 60_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
	});

	it('shows Accepted and Held for Review on the canvas, and no warning on the published trigger', async () => {
		await openWorkflow(page, n8n.baseUrl, stored);
		const trigger = canvasNode(page, TRIGGER);
		await trigger.waitFor({ timeout: SHORT });
		const handles = page.locator(`[data-test-id="canvas-node-output-handle"][data-node-name="${TRIGGER}"]`);
		const labels = (await handles.allInnerTexts()).map((text) => text.trim());
		expect(labels).toEqual(['Accepted', 'Held for Review']);
		expect(await trigger.locator('[data-test-id="node-issues"]').count()).toBe(0);
		await saveScreenshot(page, 'editor-trigger-held-for-review-canvas');
	});

	it('shows the rate limits with their defaults and Risky Requests set to hold', async () => {
		await openWorkflow(page, n8n.baseUrl, stored);
		await openNode(page, TRIGGER);
		const expected: Array<[string, string, string]> = [
			['Rate Limits', 'rateLimits', 'On (Counted in a Data Table)'],
			['Rate Limit Table', 'rateLimitTable', 'callback_rate_limits'],
			['Requests per IP Address', 'rateLimitPerIp', '5/10m, 20/1d'],
			['Requests per Number Prefix', 'rateLimitPerPrefix', '10/1h'],
			['Requests in Total', 'rateLimitTotal', '60/1h'],
			['Risky Requests', 'riskyRequests', 'Hold for Review'],
		];
		await expectParameterValues(page, expected);
		await parameterRow(page, 'Rate Limits').scrollIntoViewIfNeeded();
		await saveScreenshot(page, 'editor-trigger-rate-limits');
		await parameterRow(page, 'Risky Requests').scrollIntoViewIfNeeded();
		await saveScreenshot(page, 'editor-trigger-risky-requests');
	});

	it('shows the time slot settings with their defaults on a published booking form, with no warning', async () => {
		await openWorkflow(page, n8n.baseUrl, booking);
		const trigger = canvasNode(page, BOOKING_TRIGGER);
		await trigger.waitFor({ timeout: SHORT });
		expect(await trigger.locator('[data-test-id="node-issues"]').count()).toBe(0);
		await openNode(page, BOOKING_TRIGGER);
		const expected: Array<[string, string, string]> = [
			['Time Slots', 'timeSlots', 'On (Booked in a Data Table)'],
			['Slot Bookings Table', 'slotTable', 'callback_slot_bookings'],
			['Slot Length', 'slotMinutes', '30 Minutes'],
			['Capacity per Slot', 'slotCapacity', '3'],
			['Places Kept for Priority Callbacks', 'slotsReservedForPriority', '0'],
			['Booking Horizon', 'bookingHorizon', '7 days'],
			['Minimum Notice', 'minimumNotice', '15 minutes'],
			['Priority Field', 'priorityField', 'priority'],
			['Callback Status Table', 'slotStatusTable', 'Callback statuses'],
		];
		await expectParameterValues(page, expected);
		await parameterRow(page, 'Time Slots').scrollIntoViewIfNeeded();
		await saveScreenshot(page, 'editor-trigger-time-slots');
		await parameterRow(page, 'Priority Field').scrollIntoViewIfNeeded();
		await saveScreenshot(page, 'editor-trigger-time-slots-priority');
	});

	it("shows the Tag Router's no-show settings with their defaults, and the Callback Free Slots node's", async () => {
		await openWorkflow(page, n8n.baseUrl, booking);
		for (const name of ['Mark Failed', 'Free Slots']) expect(await canvasNode(page, name).locator('[data-test-id="node-issues"]').count()).toBe(0);
		await openNode(page, 'Mark Failed');
		await expectParameterValues(page, [
			['No-Show After Misses', 'noShowLimit', '3'],
			['No-Show Pause (Days)', 'noShowPauseDays', '30'],
		]);
		await parameterRow(page, 'Booked For').scrollIntoViewIfNeeded();
		await saveScreenshot(page, 'editor-tag-router-no-show');
		await closeNode(page);
		await openNode(page, 'Free Slots');
		await expectParameterValues(page, [
			['Booking Form URL', 'bookingFormUrl', 'https://n8n.example.com/webhook/booking-form'],
			['Slots to List', 'slotCount', '5'],
		]);
		await saveScreenshot(page, 'editor-callback-free-slots');
		await closeNode(page);
	});
});
