import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import {
	CALLBACK_STATUSES,
	isFinishedStatus,
	isUpcoming,
	liveContext,
	noteFactsFromItem,
	TableCallbackStore,
	waitingCancelUrl,
	type CallbackRecord,
	type CallbackStore,
	type SetStatusOutcome,
	type StatusChangeOutcome,
} from '../core/callbackStore';
import { HighLevelCallbackStore, openCallbackStore } from '../shared/callbackStore';
import { endWaitingAttempt } from '../shared/endWaitingAttempt';
import { failedItem } from '../shared/failedItem';
import { callbackOf } from '../shared/itemObject';
import { callbackProperties } from './description/callback.properties';
import { contextProperties } from './description/context.properties';
import { storeDetailProperties, storeProperty } from './description/store.properties';
import { statusTagNamesProperty } from '../shared/statusTagNamesProperty';
import {
	readAttempt,
	readBookedFor,
	readCallbackKey,
	readContextData,
	readIllegalMovePolicy,
	readNoShowRule,
	readRunSettings,
	readStatus,
	readStoreSettings,
	type TagRouterOperation,
	type TagRouterRunSettings,
} from './readTagRouterSettings';

/**
 * Route by Status: one output per status, then None for callbacks the store does not know and,
 * with "Continue (regular output)", for items that failed: None never leads to a call.
 */
const NONE_OUTPUT = CALLBACK_STATUSES.length;
/**
 * Set Status: the change went through, or the phone already had an open callback. A failed item
 * leaves on Done with its `error`, n8n's regular-output convention; the nodes that call refuse it.
 */
const SET_STATUS_OUTPUTS = { done: 0, alreadyOpen: 1 } as const;

/**
 * An item that failed here: with "Continue (using error output)" n8n moves it to the Error
 * output; with "Continue (regular output)" it leaves on None (routing) or Done (setting).
 */
function failedRoute(context: IExecuteFunctions, json: IDataObject, error: unknown, itemIndex: number): INodeExecutionData {
	return failedItem(context, json, error, itemIndex);
}

/** The waiting attempt as Schedule Attempt puts it on its items, for Send Callback SMS's {{scheduled-time}}. */
function scheduledAttemptFields(record: CallbackRecord, now: Date): IDataObject {
	if (!isUpcoming(record.scheduledAttempt, now)) return {};
	// Not `attempt`: on an item that is the attempt just made, which the next schedule counts from.
	const { at, leadTimezone, cancelUrl } = record.scheduledAttempt;
	return { attemptAt: at, leadTimezone, ...(cancelUrl !== null ? { cancelAttemptUrl: cancelUrl } : {}) };
}

function recordFields(record: CallbackRecord, now: Date): IDataObject {
	return {
		...scheduledAttemptFields(record, now),
		status: record.status,
		attempts: record.attempts,
		lastOutcome: record.lastOutcome,
		statusChangedAt: record.statusChangedAt || null,
		contactId: record.contactId,
		optOut: record.optOut,
		context: liveContext(record.context, now).values,
		bookedFor: record.bookedFor,
	};
}

function changedItem(json: IDataObject, outcome: Extract<StatusChangeOutcome, { kind: 'changed' }>, store: CallbackStore, now: Date): IDataObject {
	const { record, previous, diff } = outcome;
	const fields: IDataObject = {
		...recordFields(record, now),
		previousStatus: outcome.startedNewCallback ? null : (previous?.status ?? null),
		store: store.kind,
		note: { ...outcome.note },
	};
	// Only a change that ended the callback counts; `flagged`: the lead is a no-show now.
	if (outcome.noShow !== null) fields.noShow = { missedInARow: outcome.noShow.missedInARow, flagged: outcome.noShow.noShow, pausedUntil: outcome.noShow.pausedUntil };
	if (outcome.startedNewCallback) fields.replacesCallbackId = previous?.callbackId ?? null;
	if (store instanceof TableCallbackStore) {
		fields.version = record.version;
		// Writes redone because another execution changed the callback first (whole run).
		fields.writeRetries = store.retries;
	}
	if (store instanceof HighLevelCallbackStore && store.lastEffects !== null) fields.highLevel = { ...store.lastEffects };
	return {
		...json,
		callbackId: record.callbackId || (json.callbackId ?? null),
		callback: { ...callbackOf(json), ...fields },
		tagsToAdd: diff.tagsToAdd,
		tagsToRemove: diff.tagsToRemove,
	};
}

/** The request is a repeat: the item keeps its own id as duplicateCallbackId and names the open one. */
function alreadyOpenItem(json: IDataObject, open: CallbackRecord, now: Date): IDataObject {
	return {
		...json,
		callbackId: open.callbackId,
		callback: { ...callbackOf(json), ...recordFields(open, now), duplicate: true, duplicateCallbackId: json.callbackId ?? null },
	};
}

export class TagRouter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Callback Tag Router',
		name: 'tagRouter',
		icon: { light: 'file:tagRouter.svg', dark: 'file:tagRouter.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "routeByStatus" ? "Route by status" : "Set status" }}',
		description: "Owns each callback's status: sets it with exactly one status tag, a system note and the pipeline stage, and routes items by it",
		defaults: { name: 'Tag Router' },
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ ($parameter.operation === "routeByStatus" ? ["Pending", "Incomplete", "Complete", "Cancelled", "Failed", "None"] : ["Done", "Duplicate"]).map((displayName) => ({ type: "main", displayName })) }}`,
		credentials: [
			{
				name: 'callbackHighLevelApi',
				required: true,
				displayOptions: { show: { store: ['highLevel'] } },
			},
		],
		properties: [storeProperty, ...callbackProperties, ...storeDetailProperties, statusTagNamesProperty, ...contextProperties],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as TagRouterOperation;
		const outputs: INodeExecutionData[][] = operation === 'routeByStatus' ? CALLBACK_STATUSES.map(() => []).concat([[]]) : [[], []];
		const failedOutput = operation === 'routeByStatus' ? NONE_OUTPUT : SET_STATUS_OUTPUTS.done;

		let run: TagRouterRunSettings;
		try {
			run = readRunSettings(this);
		} catch (error) {
			// When the node throws, n8n hands every input item on through the first output (Pending
			// when routing) as it came, so with Continue On Fail the settings' error fails each item.
			if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error as Error);
			items.forEach(({ json }, itemIndex) => outputs[failedOutput].push(failedRoute(this, json, error, itemIndex)));
			return outputs;
		}
		let sharedStore: CallbackStore | undefined;

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const { json } = items[itemIndex];
			const pairedItem = { item: itemIndex };
			try {
				const settings = readStoreSettings(this, run, itemIndex);
				// Data Table and HighLevel stores serve the whole run; None knows one item's tags.
				const store = run.store === 'none' ? await openCallbackStore(this, settings) : (sharedStore ??= await openCallbackStore(this, settings));
				const now = new Date();
				if (run.operation === 'routeByStatus') {
					const record = await store.read(readCallbackKey(this, itemIndex));
					const output = record === null ? NONE_OUTPUT : CALLBACK_STATUSES.indexOf(record.status);
					const fields = record === null ? { status: null } : recordFields(record, now);
					outputs[output].push({
						json: { ...json, ...(record?.callbackId ? { callbackId: record.callbackId } : {}), callback: { ...callbackOf(json), ...fields } },
						pairedItem,
					});
					continue;
				}
				const outcome = await setStatus(this, store, run, itemIndex, now);
				if (outcome.kind === 'refused') throw new NodeOperationError(this.getNode(), outcome.reason, { itemIndex, description: `Callback ${outcome.previous.callbackId}` });
				if (outcome.kind === 'alreadyOpen') {
					outputs[SET_STATUS_OUTPUTS.alreadyOpen].push({ json: alreadyOpenItem(json, outcome.open, now), pairedItem });
					continue;
				}
				const item = changedItem(json, outcome, store, now);
				// A callback that is over is not called: its waiting attempt, if any, ends now.
				const cancelUrl = isFinishedStatus(outcome.record.status) ? waitingCancelUrl(outcome.previous?.scheduledAttempt ?? null, now) : null;
				if (cancelUrl !== null) item.callback = { ...callbackOf(item), waitingAttempt: await endWaitingAttempt(this, cancelUrl) };
				outputs[SET_STATUS_OUTPUTS.done].push({ json: item, pairedItem });
			} catch (error) {
				// Keeps a NodeOperationError as it is (the constructor returns it); anything else is wrapped.
				if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				outputs[failedOutput].push(failedRoute(this, json, error, itemIndex));
			}
		}
		return outputs;
	}
}

async function setStatus(context: IExecuteFunctions, store: CallbackStore, run: TagRouterRunSettings, itemIndex: number, now: Date): Promise<SetStatusOutcome> {
	const outcome = String(context.getNodeParameter('outcome', itemIndex, '') ?? '').trim();
	const status = readStatus(context, itemIndex);
	return await store.setStatus({
		key: readCallbackKey(context, itemIndex),
		status,
		attempt: readAttempt(context, itemIndex),
		outcome: outcome || null,
		optOut: context.getNodeParameter('optOut', itemIndex, false) === true ? true : null,
		contactId: null,
		context: readContextData(context, itemIndex),
		contextSettings: run.contextSettings,
		onIllegalMove: readIllegalMovePolicy(context, itemIndex),
		oneOpenPerPhone: context.getNodeParameter('oneOpenPerPhone', itemIndex, true) === true,
		tagNames: run.tagNames,
		optOutTag: run.optOutTag,
		bookedFor: readBookedFor(context, itemIndex),
		noShow: readNoShowRule(context, run, itemIndex),
		facts: noteFactsFromItem(context.getInputData()[itemIndex]?.json ?? {}, status),
		now,
	});
}
