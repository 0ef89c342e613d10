import { randomBytes } from 'node:crypto';

import { DateTime } from 'luxon';
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { DEFAULT_STATUS_TAGS, isFinishedStatus, parseCallbackStatus, TableCallbackStore, type CallbackKey, type CallbackStatus } from '../core/callbackStore';
import { planNextAttempt, type ScheduleSettings } from '../core/schedule';
import { openCallbackStore, readCallbackStatus, type CallbackStoreSettings } from '../shared/callbackStore';
import { failedItem, upstreamError } from '../shared/failedItem';
import { callbackOf, objectAt } from '../shared/itemObject';
import { nodeResumeUrl } from '../shared/nodeResumeUrl';
import { sleepInMemory, waitAndHandOn, waitsInMemory } from '../shared/waitAndHandOn';
import { leadFieldProperties } from './description/leadFields.properties';
import { scheduleProperties } from './description/schedule.properties';
import { readScheduleSettings } from './readScheduleSettings';

const enum Output {
	Attempt = 0,
	NoAttemptsLeft = 1,
	NoValidTime = 2,
	Cancelled = 3,
}

/** An attempt due within this margin goes out at once instead of putting the execution to wait. */
const DUE_NOW_MS = 1000;

function withCallback(json: IDataObject, fields: IDataObject): IDataObject {
	return { ...json, callback: { ...callbackOf(json), ...fields } };
}

/**
 * An item that failed in an earlier node is never scheduled: it leaves on No Valid Time (reason
 * `upstream-error`) with its error as it came, where nobody is called.
 */
function upstreamErrorItem(json: IDataObject, itemIndex: number): INodeExecutionData {
	return { json: withCallback(json, { noValidTimeReason: 'upstream-error' }), pairedItem: { item: itemIndex } };
}

/**
 * An item that failed here, never on Attempt: with "Continue (regular output)" it leaves on No
 * Valid Time (reason `error`), with "Continue (using error output)" n8n moves it to Error.
 */
function failedAttempt(context: IExecuteFunctions, json: IDataObject, error: unknown, itemIndex: number): INodeExecutionData {
	const item = failedItem(context, json, error, itemIndex, { callback: { ...callbackOf(json), noValidTimeReason: 'error' } });
	return item;
}

function itemIndexOf(item: INodeExecutionData): number {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'object' && paired !== null ? paired.item : typeof paired === 'number' ? paired : 0;
}

// The only webhook is the cancel link of this node's own waiting executions (a resume URL of
// n8n's); nothing is registered with another service.
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class ScheduleAttempt implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Schedule Attempt',
		name: 'scheduleAttempt',
		icon: { light: 'file:scheduleAttempt.svg', dark: 'file:scheduleAttempt.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ({ wait: "Wait until the attempt time", waitForReminder: "Wait until the reminder time" })[$parameter["mode"]] ?? "Compute the attempt time" }}',
		description:
			"Decides when the next callback attempt happens, inside business hours and the lead's legal calling hours, and waits until then",
		defaults: { name: 'Schedule Attempt' },
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ ((recheck) => ['Attempt', 'No Attempts Left', 'No Valid Time', ...(recheck ? ['Cancelled'] : [])].map((displayName) => ({ type: 'main', displayName })))($parameter.recheckStatus) }}`,
		webhooks: [
			{
				// The cancel link of a waiting attempt (callback.cancelAttemptUrl).
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: '={{ $nodeId }}',
				restartWebhook: true,
			},
		],
		properties: [
			...scheduleProperties,
			...leadFieldProperties,
			{
				displayName: 'Cancel Token',
				name: 'cancelToken',
				type: 'hidden',
				default: '={{ $json.callback?.cancelToken ?? "" }}',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const mode = this.getNodeParameter('mode', 0) as 'wait' | 'waitForReminder' | 'computeOnly';
		const recheck = this.getNodeParameter('recheckStatus', 0, false) as boolean;
		const outputs: INodeExecutionData[][] = recheck ? [[], [], [], []] : [[], [], []];
		const now = DateTime.now();

		let settings: ScheduleSettings;
		try {
			settings = readScheduleSettings(this);
		} catch (error) {
			// When the node throws, n8n hands every input item on through Attempt as it came, so
			// with Continue On Fail the schedule's error fails each item instead.
			if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error as Error);
			items.forEach(({ json }, itemIndex) =>
				outputs[Output.NoValidTime].push(upstreamError(json) !== null ? upstreamErrorItem(json, itemIndex) : failedAttempt(this, json, error, itemIndex)),
			);
			return outputs;
		}

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const { json } = items[itemIndex];
			const pairedItem = { item: itemIndex };
			if (upstreamError(json) !== null) {
				outputs[Output.NoValidTime].push(upstreamErrorItem(json, itemIndex));
				continue;
			}
			try {
				if (recheck) {
					const status = await currentStatus(this, itemIndex, json);
					// Finished means what it means everywhere in the package: Complete, Cancelled or Failed.
					if (isFinishedStatus(status)) {
						outputs[Output.Cancelled].push({ json: withCallback(json, { status }), pairedItem });
						continue;
					}
				}
				const plan = planNextAttempt({
					settings,
					now,
					attemptsMade: this.getNodeParameter('attemptsMade', itemIndex, 0),
					leadTimezone: (this.getNodeParameter('leadTimezone', itemIndex, '') as string) || null,
					leadPhone: (this.getNodeParameter('leadPhone', itemIndex, '') as string) || null,
					preferredTime: (this.getNodeParameter('preferredTime', itemIndex, '') as string) || null,
				});
				if (plan.kind === 'attempt') {
					outputs[Output.Attempt].push({
						json: withCallback(json, {
							attempt: plan.attempt,
							maxAttempts: settings.attemptPlan.maxAttempts,
							attemptAt: plan.attemptAt,
							attemptAtLeadLocal: plan.attemptAtLeadLocal,
							leadTimezone: plan.leadTimezone.zone,
							leadTimezoneSource: plan.leadTimezone.source,
							moved: plan.moved,
							...(plan.movedReason ? { movedReason: plan.movedReason } : {}),
							...(plan.reminderAt ? { reminderAt: plan.reminderAt } : {}),
						}),
						pairedItem,
					});
				} else if (plan.kind === 'noAttemptsLeft') {
					outputs[Output.NoAttemptsLeft].push({
						json: withCallback(json, { attempt: plan.attemptsMade, maxAttempts: plan.maxAttempts }),
						pairedItem,
					});
				} else {
					outputs[Output.NoValidTime].push({ json: withCallback(json, { noValidTimeReason: plan.reason }), pairedItem });
				}
			} catch (error) {
				if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
				outputs[Output.NoValidTime].push(failedAttempt(this, json, error, itemIndex));
			}
		}

		if (mode !== 'computeOnly') {
			try {
				await waitForAttempt(this, outputs, now, recheck, mode === 'waitForReminder' ? 'reminderAt' : 'attemptAt');
			} catch (error) {
				if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error as Error);
				// Nothing waits: the attempts that could not wait fail instead of going out at once.
				for (const item of outputs[Output.Attempt].splice(0)) {
					outputs[Output.NoValidTime].push(failedAttempt(this, item.json, error, itemIndexOf(item)));
				}
			}
		}
		return outputs;
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject();
		const expected = String(this.getNodeParameter('cancelToken', '') ?? '');
		const query = this.getQueryData() as IDataObject;
		const token = String(query.token ?? '');
		if (expected.length < 32 || token !== expected) {
			response.status(403).json({ ok: false, message: 'This cancel link is not valid.' });
			return { noWebhookResponse: true };
		}
		// A resumed execution can only continue through the node's first output, so a cancelled
		// attempt ends here with no items: nothing downstream runs and nobody is called.
		return {
			webhookResponse: { ok: true, cancelled: true, callbackId: query.callbackId ?? null },
			workflowData: [[]],
		};
	}
}

/** Which callback an item is about, as the Tag Router keys it: its id, else its phone. */
function callbackKeyOf(json: IDataObject): CallbackKey {
	const contact = objectAt(json, 'contact');
	return { callbackId: typeof json.callbackId === 'string' ? json.callbackId : null, phone: typeof contact.phone === 'string' ? contact.phone : null };
}

/** The Tag Router's status table, as this node's settings name it. */
function statusTable(context: IExecuteFunctions, itemIndex: number): CallbackStoreSettings {
	return {
		kind: 'dataTable',
		dataTableId: String(context.getNodeParameter('statusDataTableId', itemIndex, '')),
		dataTableName: String(context.getNodeParameter('statusDataTableName', itemIndex, '')),
		tagNames: DEFAULT_STATUS_TAGS,
		pipelineId: '',
		stageIds: {},
		currentTags: null,
		newContact: { firstName: '', lastName: '', email: '' },
	};
}

function readsStatusTable(context: IExecuteFunctions, itemIndex: number): boolean {
	return context.getNodeParameter('statusSource', itemIndex, 'item') === 'dataTable';
}

/** The callback's status now, from the Tag Router's table or from the item; null when it names none. */
async function currentStatus(context: IExecuteFunctions, itemIndex: number, json: IDataObject): Promise<CallbackStatus | null> {
	if (!readsStatusTable(context, itemIndex)) return parseCallbackStatus(context.getNodeParameter('callbackStatus', itemIndex, ''));
	return await readCallbackStatus(context, callbackKeyOf(json), statusTable(context, itemIndex));
}

/**
 * Writes the attempt the execution is about to wait for into the status table, with its cancel
 * link, so that a text from the lead can be answered with the time or end the wait.
 */
async function recordScheduledAttempt(context: IExecuteFunctions, itemIndex: number, json: IDataObject): Promise<CallbackStatus | null> {
	const callback = callbackOf(json);
	const store = await openCallbackStore(context, statusTable(context, itemIndex));
	if (!(store instanceof TableCallbackStore)) return null;
	const outcome = await store.recordScheduledAttempt(callbackKeyOf(json), {
		attempt: Number(callback.attempt) || 1,
		at: new Date(String(callback.attemptAt)).toISOString(),
		leadTimezone: String(callback.leadTimezone ?? ''),
		cancelUrl: typeof callback.cancelAttemptUrl === 'string' ? callback.cancelAttemptUrl : null,
	});
	return outcome.recorded || outcome.because === 'unknown' ? null : outcome.status;
}

/**
 * Waits until the attempt time (in n8n's database, or in memory when it is less than about a
 * minute away); the scheduled item (callback.attemptAt etc.) is what continues through the first
 * output.
 */
async function waitForAttempt(
	context: IExecuteFunctions,
	outputs: INodeExecutionData[][],
	now: DateTime,
	recheck: boolean,
	until: 'attemptAt' | 'reminderAt',
): Promise<void> {
	// Only Attempt items can wait, and a failed item never reaches Attempt; the check stays so
	// that no change elsewhere can make the execution wait for one.
	const attempts = outputs[Output.Attempt].filter((item) => item.error === undefined && upstreamError(item.json) === null);
	const waitTime = (item: INodeExecutionData): number => Date.parse(String(callbackOf(item.json)[until] ?? ''));
	// No reminder (not scheduled, or booked too close to the call): nothing to wait for.
	const later = attempts.filter((item) => Number.isFinite(waitTime(item)) && waitTime(item) - now.toMillis() > DUE_NOW_MS);
	if (later.length === 0) return;
	if (attempts.length > 1) {
		throw new NodeOperationError(
			context.getNode(),
			`Schedule Attempt waits for one lead per execution, but ${attempts.length} items are to be called at different times. Use "Compute Only" mode, or give each lead its own execution (the Callback Request Trigger does).`,
		);
	}
	const [item] = later;
	const waitEnd = new Date(waitTime(item));
	// A short wait stays in this process; nothing waits in n8n's database that a link could end, so
	// a text that cancels meanwhile is caught by the status check after the wait.
	const inMemory = waitsInMemory(waitEnd, now.toMillis());
	if (recheck) {
		if (!inMemory) {
			const cancelToken = randomBytes(24).toString('hex');
			item.json = withCallback(item.json, {
				cancelToken,
				cancelAttemptUrl: nodeResumeUrl(context, {
					token: cancelToken,
					...(typeof item.json.callbackId === 'string' ? { callbackId: item.json.callbackId } : {}),
				}),
			});
		}
		if (readsStatusTable(context, itemIndexOf(item))) {
			// Finished in the moment since the status was checked (a text saying cancel): no wait, no call.
			const finished = await recordScheduledAttempt(context, itemIndexOf(item), item.json);
			if (finished !== null) {
				outputs[Output.Attempt].splice(outputs[Output.Attempt].indexOf(item), 1);
				outputs[Output.Cancelled].push({ ...item, json: withCallback(item.json, { status: finished }) });
				return;
			}
		}
	}
	if (inMemory) {
		// The item stays on Attempt and leaves when the node returns, as a resumed wait would send it.
		await sleepInMemory(context, waitEnd, DateTime.now().toMillis());
		return;
	}
	await waitAndHandOn(context, item, waitEnd);
}
