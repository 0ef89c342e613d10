import { DateTime } from 'luxon';
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { describeRefusedNumber } from '../../core/phone/numberPolicy';
import { parseLeadPhoneNumber } from '../../core/phone/parseLeadPhoneNumber';
import { decideLeadWindow } from '../../core/schedule/leadWindow';
import type { WeeklyHours } from '../../core/schedule/weeklyHours';
import { failedItem, upstreamError } from '../failedItem';
import { assertWebhooksVerifiable } from '../twilioVoiceWebhook';
import { waitAndHandOn } from '../waitAndHandOn';
import { attemptOf, ownCallState } from '../waitingCall';
import { readLineLimit, releaseCallLine, takeCallLine, type CallLine } from './callLines';
import { unpublishedRefusal } from './n8nApiChecks';
import { readCallingRules } from './callingRules';
import type { NotCalled, NotCalledReason } from './notCalled';
import { assertCanWaitForWindow, reportedJson, resultRouteFor, type ResultRoute } from './resultRoute';

/** Added to a line's lease beyond the maximum wait, for the outcome to be read after it. */
const LINE_LEASE_MARGIN_MS = 5 * 60_000;

/** The output a call in progress hands the item on through; it must lead back into the node. */
export const CALL_ENDED_OUTPUT = 0;
const CALL_ENDED = 'Call Ended';

/** The lead's number after the number policy: what may be dialled. */
export interface DialableLead {
	e164: string;
	/** Digits typed after the number (x123), or null. */
	extension: string | null;
}

/** Where the lead may be called, kept with the placed call for steps that dial later. */
export interface LeadClock {
	leadZone: string;
	callingWindow: WeeklyHours;
}

/** What every placed call keeps on the item while the execution waits. */
export interface PlacedCall extends IDataObject {
	phase: 'placed';
	/** The execution and node that placed the call: an item from elsewhere is never taken for a result. */
	executionId: string;
	nodeId: string;
	attempt: number | null;
	placedAt: string;
	/** When the maximum wait ends and the outcome is read from Twilio instead. */
	waitUntil: string;
	/** How the result reaches the outputs (see ResultRoute); absent on calls placed before it was kept. */
	resultRoute?: ResultRoute;
	/** The line the call holds when the node limits simultaneous calls (callLines.ts). */
	line?: CallLine;
}

/** The common part of a call being placed now, for an item, waiting at most `maxWaitMs`. */
export function placedNow(context: IExecuteFunctions, json: IDataObject, maxWaitMs: number): PlacedCall {
	const now = Date.now();
	return {
		phase: 'placed',
		executionId: String(context.getExecutionId()),
		nodeId: context.getNode().id,
		attempt: attemptOf(json),
		placedAt: new Date(now).toISOString(),
		waitUntil: new Date(now + maxWaitMs).toISOString(),
	};
}

/**
 * A node that places a call and waits for it: it only says how to place its call, how to read
 * its outcome and where each outcome goes. The runner does the rest the same way for every
 * such node: the rules checked before anything is dialled (a failed item, the callback being
 * over, the number policy, the lead's window), one lead per waiting execution, the loop-back
 * wire, waiting, reading the outcome back after the maximum wait, and failures.
 */
export interface CallingNode<Settings, Placed extends PlacedCall, Result extends IDataObject> {
	/** Where the item keeps the call (`bridgeCall`, `voicemailDrop`). */
	key: string;
	/** The node's name for messages. */
	label: string;
	outputCount: number;
	/** The output for leads not called and, with Continue On Fail, failed items. */
	notCalledOutput: number;
	/** Why the item's lead must not be called, known from the item alone (callback over, no consent). */
	refusal(context: IExecuteFunctions, itemIndex: number): { reason: NotCalledReason; text: string } | null;
	/** The lead's number as the node's setting gives it, and the setting's name. */
	leadPhone(context: IExecuteFunctions, itemIndex: number): { typed: string; label: string };
	readSettings(context: IExecuteFunctions, itemIndex: number, lead: DialableLead): Settings;
	place(context: IExecuteFunctions, itemIndex: number, json: IDataObject, settings: Settings, clock: LeadClock): Promise<Placed>;
	/** The outcome read from Twilio when the maximum wait passed without the final callback. */
	recover(context: IExecuteFunctions, placed: Placed, itemIndex: number): Promise<Result>;
	notCalledResult(notCalled: NotCalled): Result;
	outputOf(result: Result): number;
	/**
	 * Whether the node offers the shared checks over n8n's API (n8nApiChecks.ts): the workflow
	 * still published, and the line limit, whose No Free Line output then follows the others.
	 */
	limitsLines?: boolean;
}

type Step<Settings, Placed> =
	| { kind: 'report'; result: IDataObject }
	| { kind: 'recover'; placed: Placed }
	| { kind: 'notCalled'; notCalled: NotCalled }
	| { kind: 'waitForWindow'; opensAt: number; reasonText: string; leadZone: string }
	| { kind: 'place'; settings: Settings; clock: LeadClock }
	| { kind: 'failed'; error: unknown };

function notCalled(context: IExecuteFunctions, json: IDataObject, reason: NotCalledReason, text: string, details: { opensAt?: number | null; leadTimezone?: string | null } = {}): NotCalled {
	return {
		phase: 'reported',
		executionId: String(context.getExecutionId()),
		nodeId: context.getNode().id,
		attempt: attemptOf(json),
		reason,
		reasonText: text,
		opensAt: details.opensAt === undefined || details.opensAt === null ? null : new Date(details.opensAt).toISOString(),
		leadTimezone: details.leadTimezone ?? null,
		endedAt: new Date().toISOString(),
	};
}

/** What to do with one item, decided before anything is dialled. */
function decide<Settings, Placed extends PlacedCall, Result extends IDataObject>(
	context: IExecuteFunctions,
	node: CallingNode<Settings, Placed, Result>,
	itemIndex: number,
	json: IDataObject,
	now: number,
): Step<Settings, Placed> {
	const state = ownCallState(json, node.key, String(context.getExecutionId()), context.getNode().id);
	if (state?.phase === 'ended') return { kind: 'report', result: state };
	if (state?.phase === 'placed') return { kind: 'recover', placed: state as unknown as Placed };

	const failedBefore = upstreamError(json);
	if (failedBefore !== null) return { kind: 'notCalled', notCalled: notCalled(context, json, 'upstream-error', `An earlier node failed for this lead, so nobody was called: ${failedBefore}`) };
	const refusal = node.refusal(context, itemIndex);
	if (refusal !== null) return { kind: 'notCalled', notCalled: notCalled(context, json, refusal.reason, refusal.text) };

	const rules = readCallingRules(context, itemIndex);
	const { typed, label } = node.leadPhone(context, itemIndex);
	const phone = parseLeadPhoneNumber(typed, { defaultCountry: 'US', allowedCountries: rules.allowedCountries });
	if (!phone.ok) {
		const reason = phone.problem === 'countryNotAllowed' || phone.problem === 'refusedNumberKind' ? 'number-not-allowed' : 'number-invalid';
		return { kind: 'notCalled', notCalled: notCalled(context, json, reason, describeRefusedNumber(label, typed, phone, rules.allowedCountries)) };
	}
	const window = decideLeadWindow({ now, itemTimezone: rules.itemTimezone, phoneE164: phone.e164, rules: rules.window, contact: 'calling' });
	if (!window.allowed) {
		if (window.reason === 'outside-calling-window' && rules.outsideWindow === 'wait' && window.opensAt !== null) {
			return { kind: 'waitForWindow', opensAt: window.opensAt, reasonText: window.reasonText, leadZone: window.leadZone };
		}
		return { kind: 'notCalled', notCalled: notCalled(context, json, window.reason, window.reasonText, { opensAt: window.opensAt, leadTimezone: window.leadZone }) };
	}
	const settings = node.readSettings(context, itemIndex, { e164: phone.e164, extension: phone.extension });
	return { kind: 'place', settings, clock: { leadZone: window.leadZone, callingWindow: rules.window.window } };
}

/** What a calling node does: place its call, or read the outcome of one whose maximum wait passed. */
export type CallingOperation = 'placeCall' | 'readLateOutcome';

/**
 * The call this execution placed and still waits to hear the outcome of, whichever node of the
 * same kind placed it: the item n8n hands on when a call's maximum wait passes.
 */
function lateCall<Placed extends PlacedCall>(context: IExecuteFunctions, json: IDataObject, key: string): Placed | null {
	const state = json[key];
	if (typeof state !== 'object' || state === null || Array.isArray(state)) return null;
	const candidate = state as IDataObject;
	if (candidate.phase !== 'placed' || candidate.executionId !== String(context.getExecutionId())) return null;
	return candidate as Placed;
}

/**
 * An item the node could not handle: with Continue On Fail it leaves on the not-called output
 * with the error, otherwise the node fails with it.
 */
function onItemFailure<Settings, Placed extends PlacedCall, Result extends IDataObject>(
	context: IExecuteFunctions,
	node: CallingNode<Settings, Placed, Result>,
	outputs: INodeExecutionData[][],
	json: IDataObject,
	error: unknown,
	itemIndex: number,
): void {
	if (context.continueOnFail()) {
		outputs[node.notCalledOutput].push(failedItem(context, json, error, itemIndex));
		return;
	}
	// Twilio's refusals are NodeApiErrors already and keep Twilio's code and message.
	if (error instanceof NodeApiError || error instanceof NodeOperationError) throw error;
	throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** Reads the outcome of calls whose maximum wait passed from Twilio and sends each item to its result output. */
async function readLateOutcomes<Settings, Placed extends PlacedCall, Result extends IDataObject>(
	context: IExecuteFunctions,
	node: CallingNode<Settings, Placed, Result>,
): Promise<INodeExecutionData[][]> {
	const outputs: INodeExecutionData[][] = Array.from({ length: node.outputCount }, () => []);
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const { json } = items[itemIndex];
		try {
			const placed = lateCall<Placed>(context, json, node.key);
			if (placed === null) {
				throw new NodeOperationError(
					context.getNode(),
					`This item carries no ${node.label.toLowerCase()} of this execution that waits for its outcome. Connect this node to the Call Ended output of the node that placed the call.`,
					{ itemIndex },
				);
			}
			const result = await node.recover(context, placed, itemIndex);
			await releaseCallLine(context, placed.line);
			outputs[node.outputOf(result)].push({ json: reportedJson(json, node.key, result), pairedItem: { item: itemIndex } });
		} catch (error) {
			onItemFailure(context, node, outputs, json, error, itemIndex);
		}
	}
	return outputs;
}

/** Runs a calling node over its input: see `CallingNode`. */
export async function runCallingNode<Settings, Placed extends PlacedCall, Result extends IDataObject>(
	context: IExecuteFunctions,
	node: CallingNode<Settings, Placed, Result>,
): Promise<INodeExecutionData[][]> {
	if ((context.getNodeParameter('operation', 0, 'placeCall') as CallingOperation) === 'readLateOutcome') return await readLateOutcomes(context, node);
	const items = context.getInputData();
	// No Free Line, after the node's own outputs, exists only while the limit is on.
	const noFreeLineOutput = node.limitsLines === true && context.getNodeParameter('useN8nApi', 0, false) === true && context.getNodeParameter('limitLines', 0, false) === true ? node.outputCount : null;
	const outputs: INodeExecutionData[][] = Array.from({ length: node.outputCount + (noFreeLineOutput === null ? 0 : 1) }, () => []);
	const now = DateTime.now().toMillis();
	const steps = items.map(({ json }, itemIndex): Step<Settings, Placed> => {
		try {
			return decide(context, node, itemIndex, json, now);
		} catch (error) {
			return { kind: 'failed', error };
		}
	});

	// Decided before any call is placed: a waiting execution hands on one item only.
	const waiting = steps.filter((step) => step.kind === 'place' || step.kind === 'waitForWindow').length;
	if (waiting > 0 && items.length > 1) {
		throw new NodeOperationError(
			context.getNode(),
			`${node.label} waits while a call runs, which handles one lead per execution, but ${items.length} items came in. Give each lead its own execution (the Callback Request Trigger does), e.g. with Loop Over Items and a sub-workflow.`,
		);
	}

	const report = (json: IDataObject, result: Result, itemIndex: number): void => {
		outputs[node.outputOf(result)].push({ json: reportedJson(json, node.key, result), pairedItem: { item: itemIndex } });
	};
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const { json } = items[itemIndex];
		const step = steps[itemIndex];
		try {
			switch (step.kind) {
				case 'failed':
					throw step.error;
				case 'report':
					report(json, step.result as Result, itemIndex);
					break;
				case 'recover': {
					const result = await node.recover(context, step.placed, itemIndex);
					await releaseCallLine(context, step.placed.line);
					report(json, result, itemIndex);
					break;
				}
				case 'notCalled':
					report(json, node.notCalledResult(step.notCalled), itemIndex);
					break;
				case 'waitForWindow': {
					assertCanWaitForWindow(context, CALL_ENDED_OUTPUT, resultRouteFor(context, CALL_ENDED_OUTPUT, CALL_ENDED, 'place the call once the window opens'));
					const item = {
						json: { ...json, [node.key]: { phase: 'waiting-for-window', opensAt: new Date(step.opensAt).toISOString(), leadTimezone: step.leadZone, reasonText: step.reasonText } },
						pairedItem: { item: itemIndex },
					};
					await waitAndHandOn(context, item, new Date(step.opensAt));
					outputs[CALL_ENDED_OUTPUT].push(item);
					break;
				}
				case 'place': {
					const resultRoute = resultRouteFor(context, CALL_ENDED_OUTPUT, CALL_ENDED, 'report how the call ended');
					await assertWebhooksVerifiable(context, itemIndex);
					if (node.limitsLines === true) {
						const unpublished = await unpublishedRefusal(context, itemIndex);
						if (unpublished !== null) {
							report(json, node.notCalledResult(notCalled(context, json, 'workflow-unpublished', unpublished)), itemIndex);
							break;
						}
					}
					const limit = noFreeLineOutput === null ? null : readLineLimit(context, itemIndex);
					let line: CallLine | null = null;
					if (limit !== null && noFreeLineOutput !== null) {
						// Held for the longest the call can run unreported, then free on its own.
						const leaseMs = Number(context.getNodeParameter('maxWaitMinutes', itemIndex, 30)) * 60_000 + LINE_LEASE_MARGIN_MS;
						const taken = await takeCallLine(context, limit, `${context.getExecutionId()}:${context.getNode().id}`, leaseMs);
						if (taken.kind === 'noFreeLine') {
							const freesAt = taken.freesAt === null ? null : new Date(taken.freesAt).toISOString();
							const why = taken.priorityWaiting > 0 ? `the free lines of ${limit.business} are kept for ${taken.priorityWaiting} priority callback(s) waiting` : `all ${limit.maxLines} lines of ${limit.business} are in use`;
							const reasonText = `${why.charAt(0).toUpperCase()}${why.slice(1)}, so the call was not placed${freesAt === null ? '' : `; a line is free at the latest at ${freesAt}`}.`;
							const result = { phase: 'no-free-line', maxLines: limit.maxLines, freesAt, priority: limit.priority, priorityWaiting: taken.priorityWaiting, reasonText };
							outputs[noFreeLineOutput].push({ json: { ...json, [node.key]: result }, pairedItem: { item: itemIndex } });
							break;
						}
						line = taken.line;
					}
					// A call that could not be placed gives its line back at once.
					const placedCall = await node.place(context, itemIndex, json, step.settings, step.clock).catch(async (error: unknown) => {
						if (line !== null) await releaseCallLine(context, line);
						return Promise.reject(error);
					});
					const placed: Placed = { ...placedCall, resultRoute, ...(line === null ? {} : { line }) };
					const item = { json: { ...json, [node.key]: placed }, pairedItem: { item: itemIndex } };
					await waitAndHandOn(context, item, new Date(placed.waitUntil));
					outputs[CALL_ENDED_OUTPUT].push(item);
					break;
				}
			}
		} catch (error) {
			onItemFailure(context, node, outputs, json, error, itemIndex);
		}
	}
	return outputs;
}
