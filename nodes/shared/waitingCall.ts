import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { isFinishedStatus, parseCallbackStatus } from '../core/callbackStore/callbackStatus';

/**
 * How a calling node's item says where its call stands. `placed`: the call is under way and the
 * execution waits; `ended`: the final callback resumed it with the result; `reported`: the
 * result has left through the node's outputs (a later attempt may call again).
 */
export type CallPhase = 'placed' | 'ended' | 'reported';

export interface OwnCallState extends IDataObject {
	phase: CallPhase;
	/** The execution and node that placed the call: an item from elsewhere is never taken for a result. */
	executionId: string;
	nodeId: string;
}

/** The item's call state under `key` when this node placed it in this execution and it is not reported yet. */
export function ownCallState(json: IDataObject, key: string, executionId: string, nodeId: string): OwnCallState | null {
	const state = json[key];
	if (typeof state !== 'object' || state === null || Array.isArray(state)) return null;
	const candidate = state as IDataObject;
	if (candidate.executionId !== executionId || candidate.nodeId !== nodeId) return null;
	if (candidate.phase !== 'placed' && candidate.phase !== 'ended') return null;
	return candidate as OwnCallState;
}

/** The callback is over (complete, cancelled, failed): it must not be called for again. */
export function isCallbackOver(status: unknown): boolean {
	return isFinishedStatus(parseCallbackStatus(status));
}

/** The number of the attempt the item carries (Schedule Attempt sets callback.attempt), or null. */
export function attemptOf(json: IDataObject): number | null {
	const callback = json.callback;
	if (typeof callback !== 'object' || callback === null) return null;
	const attempt = Number((callback as IDataObject).attempt);
	return Number.isInteger(attempt) && attempt > 0 ? attempt : null;
}

/** The notice every calling node shows: what its first output, Call Ended, is for on each n8n. */
export function callEndedLoopNotice(outputs: string, label: string): INodeProperties {
	return {
		displayName: `While the call runs the workflow waits. <b>n8n 2.39 and newer</b>: the result leaves through ${outputs} by itself; connect <b>Call Ended</b> to a second ${label} node set to <i>Read Outcome After Maximum Wait</i>, for a call whose end Twilio did not report in time. <b>n8n 1.x</b>: connect <b>Call Ended</b> back to this node's own input; every result comes out there, returns here and leaves through ${outputs}.`,
		name: 'callEndedNotice',
		type: 'notice',
		default: '',
	};
}

/** Reads back the item the execution waits with (see waitingItem in twilioVoiceWebhook.ts). */
export const WAITING_ITEM_PROPERTY: INodeProperties = {
	displayName: 'Waiting Item',
	name: 'waitingItem',
	type: 'hidden',
	default: '={{ $json }}',
};

/** Seconds between two instants given as ISO strings or milliseconds, rounded. */
export function secondsBetween(from: string, to: number): number {
	return Math.max(0, Math.round((to - Date.parse(from)) / 1000));
}
