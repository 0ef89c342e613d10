import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import {
	CALLBACK_STATUSES,
	checkRetentionHours,
	checkNoShowRule,
	ContextDataError,
	NoShowRuleError,
	parseAllowedKeys,
	parseCallbackStatus,
	StatusTagNamesError,
	type CallbackKey,
	type CallbackStatus,
	type CallbackStoreKind,
	type ContextDataSettings,
	type IllegalMovePolicy,
	type NoShowRule,
	type StatusTagNames,
} from '../core/callbackStore';
import type { CallbackStoreSettings } from '../shared/callbackStore';
import { valueText } from '../shared/nodeParameterText';
import { readStatusTagNames } from '../shared/statusTagNamesProperty';

export type TagRouterOperation = 'setStatus' | 'routeByStatus';

/** Settings that are the same for every item of a run. */
export interface TagRouterRunSettings {
	operation: TagRouterOperation;
	store: CallbackStoreKind;
	tagNames: StatusTagNames;
	optOutTag: string;
	noShowTag: string;
	contextSettings: ContextDataSettings;
}


export function readRunSettings(context: IExecuteFunctions): TagRouterRunSettings {
	const operation = context.getNodeParameter('operation', 0) as TagRouterOperation;
	try {
		const { tagNames, optOutTag, noShowTag } = readStatusTagNames(context);
		const contextSettings: ContextDataSettings = {
			allowedKeys: operation === 'setStatus' ? parseAllowedKeys(valueText(context.getNodeParameter('contextKeys', 0, ''))) : [],
			retentionHours: operation === 'setStatus' ? checkRetentionHours(Number(context.getNodeParameter('contextRetentionHours', 0, 24))) : 24,
		};
		return {
			operation,
			store: context.getNodeParameter('store', 0) as CallbackStoreKind,
			tagNames,
			optOutTag,
			noShowTag,
			contextSettings,
		};
	} catch (error) {
		const known = error instanceof StatusTagNamesError || error instanceof ContextDataError;
		throw new NodeOperationError(context.getNode(), known ? (error as Error).message : (error as Error));
	}
}

/** Tags given as a list, JSON text of a list, or text separated by commas. */
export function parseTagList(value: unknown): string[] | null {
	if (Array.isArray(value)) return value.map((tag) => valueText(tag)).filter((tag) => tag !== '');
	const raw = valueText(value);
	if (raw === '') return [];
	if (raw.startsWith('[')) {
		try {
			return parseTagList(JSON.parse(raw));
		} catch {
			return null;
		}
	}
	return raw.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
}

/** The store settings for one item (the None store reads that item's tags). */
export function readStoreSettings(context: IExecuteFunctions, run: TagRouterRunSettings, itemIndex: number): CallbackStoreSettings {
	const stages = (run.operation === 'setStatus' && run.store === 'highLevel' ? context.getNodeParameter('pipelineStages', itemIndex, {}) : {}) as IDataObject;
	const stageIds: Partial<Record<CallbackStatus, string>> = {};
	for (const status of CALLBACK_STATUSES) if (valueText(stages[`${status}StageId`])) stageIds[status] = valueText(stages[`${status}StageId`]);
	const highLevelSetStatus = run.store === 'highLevel' && run.operation === 'setStatus';
	return {
		kind: run.store,
		dataTableId: run.store === 'dataTable' ? valueText(context.getNodeParameter('dataTableId', itemIndex, '')) : '',
		dataTableName: run.store === 'dataTable' ? valueText(context.getNodeParameter('dataTableName', itemIndex, '')) : '',
		tagNames: run.tagNames,
		pipelineId: valueText(stages.pipelineId),
		stageIds,
		currentTags: run.store === 'none' ? parseTagList(context.getNodeParameter('currentTags', itemIndex, [])) : null,
		newContact: highLevelSetStatus
			? {
					firstName: valueText(context.getNodeParameter('contactFirstName', itemIndex, '')) || null,
					lastName: valueText(context.getNodeParameter('contactLastName', itemIndex, '')) || null,
					email: valueText(context.getNodeParameter('contactEmail', itemIndex, '')) || null,
				}
			: {},
	};
}

export function readCallbackKey(context: IExecuteFunctions, itemIndex: number): CallbackKey {
	return {
		callbackId: valueText(context.getNodeParameter('callbackId', itemIndex, '')) || null,
		phone: valueText(context.getNodeParameter('phone', itemIndex, '')) || null,
	};
}

export function readStatus(context: IExecuteFunctions, itemIndex: number): CallbackStatus {
	const given = context.getNodeParameter('status', itemIndex);
	const status = parseCallbackStatus(given);
	if (status === null) {
		throw new NodeOperationError(context.getNode(), `"${String(given)}" is not a callback status. Use one of: ${CALLBACK_STATUSES.join(', ')}.`, { itemIndex });
	}
	return status;
}

export function readAttempt(context: IExecuteFunctions, itemIndex: number): number | null {
	const raw = valueText(context.getNodeParameter('attempt', itemIndex, ''));
	if (raw === '') return null;
	const attempt = Number(raw);
	if (!Number.isInteger(attempt) || attempt < 0) throw new NodeOperationError(context.getNode(), `Attempt must be a whole number, not "${raw}".`, { itemIndex });
	return attempt;
}

export function readContextData(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const value = context.getNodeParameter('contextData', itemIndex, {});
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			const parsed = JSON.parse(value) as unknown;
			if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
		} catch {
			// reported below
		}
		throw new NodeOperationError(context.getNode(), 'Context Data must be an object of key/values.', { itemIndex });
	}
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
	return {};
}

export function readIllegalMovePolicy(context: IExecuteFunctions, itemIndex: number): IllegalMovePolicy {
	return context.getNodeParameter('onIllegalMove', itemIndex, 'refuse') === 'newCallback' ? 'newCallback' : 'refuse';
}

/** The time the lead booked, or null (nothing to record); a value that is not a time fails with what to fix. */
export function readBookedFor(context: IExecuteFunctions, itemIndex: number): string | null {
	const raw = valueText(context.getNodeParameter('bookedFor', itemIndex, ''));
	if (raw === '') return null;
	const at = Date.parse(raw);
	if (!Number.isFinite(at)) throw new NodeOperationError(context.getNode(), `Booked For must be a date and time such as 2026-12-01T15:15:00-05:00, not "${raw}".`, { itemIndex });
	return new Date(at).toISOString();
}

/** The no-show rule of the item, or null when counting is off. */
export function readNoShowRule(context: IExecuteFunctions, run: TagRouterRunSettings, itemIndex: number): NoShowRule | null {
	const limit = Number(context.getNodeParameter('noShowLimit', itemIndex, 3));
	if (limit === 0) return null;
	try {
		return checkNoShowRule(limit, Number(context.getNodeParameter('noShowPauseDays', itemIndex, 30)), run.noShowTag);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), error instanceof NoShowRuleError ? error.message : (error as Error), { itemIndex });
	}
}
