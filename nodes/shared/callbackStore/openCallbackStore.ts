import { sleep, type IExecuteFunctions } from 'n8n-workflow';

import { newCallbackId } from '../../core/callbackRequest/newCallbackId';
import {
	TableCallbackStore,
	TagsOnlyCallbackStore,
	type CallbackKey,
	type CallbackRecord,
	type CallbackStatus,
	type CallbackStore,
	type CallbackStoreKind,
	type StatusTagNames,
} from '../../core/callbackStore';
import { DataTableNodeTable } from './dataTableNodeTable';
import { HighLevelCallbackStore, type NewContactDetails } from './highLevelCallbackStore';
import { highLevelConnection } from './highLevelTransport';

/** Which store a node uses and what it needs to reach it. */
export interface CallbackStoreSettings {
	kind: CallbackStoreKind;
	/** Data Table store: the table's ID, or empty to use the table of that name (created on first use). */
	dataTableId: string;
	dataTableName?: string;
	tagNames: StatusTagNames;
	/** HighLevel store: pipeline and stage per status for the opportunity. */
	pipelineId: string;
	stageIds: Partial<Record<CallbackStatus, string>>;
	/** None store: the contact's tags as the item gives them (null: unknown). */
	currentTags: readonly string[] | null;
	newContact: NewContactDetails;
}

/**
 * Opens the store the settings name, bound to this execution. A Data Table or HighLevel store
 * can serve every item of a run; a None store knows only the tags of the item it was opened for.
 */
export async function openCallbackStore(context: IExecuteFunctions, settings: CallbackStoreSettings): Promise<CallbackStore> {
	if (settings.kind === 'dataTable') {
		return new TableCallbackStore(new DataTableNodeTable(context, { id: settings.dataTableId, name: settings.dataTableName ?? '' }), { newCallbackId, sleep });
	}
	if (settings.kind === 'highLevel') {
		const { client, locationId } = await highLevelConnection(context);
		return new HighLevelCallbackStore(client, { locationId, tagNames: settings.tagNames, pipelineId: settings.pipelineId, stageIds: settings.stageIds, newCallbackId }, settings.newContact);
	}
	return new TagsOnlyCallbackStore(settings.currentTags, settings.tagNames, newCallbackId);
}

/**
 * The current record of a callback (by id, else the latest open one for the phone), for any node
 * that has to check a status before acting, e.g. Schedule Attempt before calling again.
 */
export async function readCallback(context: IExecuteFunctions, key: CallbackKey, settings: CallbackStoreSettings): Promise<CallbackRecord | null> {
	return await (await openCallbackStore(context, settings)).read(key);
}

/** Just the status: null when the store has no such callback. */
export async function readCallbackStatus(context: IExecuteFunctions, key: CallbackKey, settings: CallbackStoreSettings): Promise<CallbackStatus | null> {
	return (await readCallback(context, key, settings))?.status ?? null;
}
