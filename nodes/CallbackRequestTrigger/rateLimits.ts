import { randomBytes, randomInt } from 'node:crypto';

import { NodeOperationError, type IDataObject, type IHookFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { clientAddress, parseTrustedProxies, TrustedProxiesError, type TrustedProxies } from '../core/abuse/clientAddress';
import { takeSlot, type CounterStore, type SlotDecision } from '../core/abuse/rateLimit';
import { TALLY_RETENTION_MS, TALLY_SHARDS, tallyKeyPattern, tallyRefusal, type RefusalKind } from '../core/abuse/refusalTally';
import { allBucketKeys, DEFAULT_COUNTER_BUCKETS, PREFIX_DIGITS, rateLimitKeys } from '../core/abuse/rateLimitKeys';
import { DEFAULT_RATE_LIMIT_TEXT, parseRateLimitSettings, RateLimitSettingsError, type RateLimit } from '../core/abuse/rateLimitLimits';
import { dataTableCounterStore, DEFAULT_RATE_LIMIT_TABLE_NAME, deleteCounterRowsBefore, findOrCreateCounterTable, makeCounterRows } from '../shared/rateLimitTable/dataTableCounterStore';
import { n8nApiFromCredential } from '../shared/rateLimitTable/n8nPublicApi';

/** Where the id of the counter table is kept in the node's static data (written at activation only). */
const TABLE_ID_KEY = 'rateLimitTableId';
const TABLE_NAME_KEY = 'rateLimitTableName';

export interface RateLimitSettings {
	tableName: string;
	limits: RateLimit[];
	prefixDigits: number;
	trustedProxies: TrustedProxies;
	/** Which form the counters belong to: the workflow and the node. */
	scope: string;
}

type Context = IWebhookFunctions | IHookFunctions;

function settingError(context: Context, error: unknown): never {
	if (error instanceof RateLimitSettingsError || error instanceof TrustedProxiesError || error instanceof RangeError) {
		throw new NodeOperationError(context.getNode(), error.message, { description: 'Fix the setting under Rate Limits.' });
	}
	throw error;
}

/** The trigger's rate limits, or null when they are off. Settings that cannot be read fail with what to fix. */
export function readRateLimitSettings(context: Context): RateLimitSettings | null {
	if (context.getNodeParameter('rateLimits', 'off') !== 'dataTable') return null;
	const text = (name: string, fallback: string): string => String(context.getNodeParameter(name, fallback) ?? '');
	const tableName = text('rateLimitTable', DEFAULT_RATE_LIMIT_TABLE_NAME).trim();
	if (tableName === '') throw new NodeOperationError(context.getNode(), `Rate Limit Table is empty; name the n8n Data Table that holds the counts, e.g. ${DEFAULT_RATE_LIMIT_TABLE_NAME}.`);
	try {
		const limits = parseRateLimitSettings({
			ip: text('rateLimitPerIp', DEFAULT_RATE_LIMIT_TEXT.ip),
			prefix: text('rateLimitPerPrefix', DEFAULT_RATE_LIMIT_TEXT.prefix),
			global: text('rateLimitTotal', DEFAULT_RATE_LIMIT_TEXT.global),
		});
		const prefixDigits = Number(context.getNodeParameter('rateLimitPrefixDigits', PREFIX_DIGITS.default));
		const trustedProxies = parseTrustedProxies(text('trustedProxies', ''));
		const node = context.getNode();
		const scope = `${context.getWorkflow().id ?? 'workflow'}:${node.id || node.name}`;
		return { tableName, limits, prefixDigits, trustedProxies, scope };
	} catch (error) {
		return settingError(context, error);
	}
}

/**
 * Run when the workflow is published: finds or makes the counter table and makes the rows the
 * limits need, so that counting a request only ever updates rows. Fails the publish with what to
 * fix when n8n's API cannot be reached or refuses the key.
 */
export async function prepareRateLimitTable(context: IHookFunctions): Promise<void> {
	const settings = readRateLimitSettings(context);
	if (settings === null) return;
	const api = await n8nApiFromCredential(context);
	let tableId: string;
	try {
		tableId = await findOrCreateCounterTable(api, settings.tableName);
		await makeCounterRows(api, tableId, allBucketKeys(settings.scope, DEFAULT_COUNTER_BUCKETS, settings.limits), settings.scope);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `Rate limits could not be set up. ${(error as Error).message}`);
	}
	const staticData = context.getWorkflowStaticData('node');
	staticData[TABLE_ID_KEY] = tableId;
	staticData[TABLE_NAME_KEY] = settings.tableName;
	// Refusal tallies past their keeping time go; the publish goes on if they cannot, and they go the next time.
	try {
		await deleteCounterRowsBefore(api, tableId, tallyKeyPattern(settings.scope), Date.now() - TALLY_RETENTION_MS);
	} catch (error) {
		context.logger?.warn(`Callback Request Trigger could not remove refusal counts older than ${TALLY_RETENTION_MS / 86_400_000} days: ${(error as Error).message}`);
	}
}

/** The visitor's address, believing X-Forwarded-For only from the trusted proxies. */
export function visitorAddress(context: IWebhookFunctions, trusted: TrustedProxies): string | null {
	const request = context.getRequestObject();
	return clientAddress({ socketAddress: request.socket?.remoteAddress ?? request.ip, forwardedFor: request.headers['x-forwarded-for'] }, trusted);
}

/**
 * The counters of this trigger: the table prepared at publishing, or, for a trigger published
 * before its limits were turned on, the table found by name.
 */
export async function openCounterStore(context: IWebhookFunctions, settings: RateLimitSettings): Promise<CounterStore> {
	const api = await n8nApiFromCredential(context);
	const staticData = context.getWorkflowStaticData('node') as IDataObject;
	let tableId = staticData[TABLE_NAME_KEY] === settings.tableName && typeof staticData[TABLE_ID_KEY] === 'string' ? (staticData[TABLE_ID_KEY] as string) : undefined;
	tableId ??= await findOrCreateCounterTable(api, settings.tableName);
	return dataTableCounterStore(api, tableId);
}

/** Takes one slot for this request in every counter, or refuses it; with the counters it counted in, for a refusal to be tallied in the same store. */
export async function takeRequestSlot(
	context: IWebhookFunctions,
	settings: RateLimitSettings,
	ip: string | null,
	phoneE164: string | null,
	now: number,
): Promise<{ decision: SlotDecision; store: CounterStore }> {
	const counters = rateLimitKeys({ ip, phoneE164, scope: settings.scope, limits: settings.limits, prefixDigits: settings.prefixDigits, buckets: DEFAULT_COUNTER_BUCKETS });
	const store = await openCounterStore(context, settings);
	return { decision: await takeSlot(store, counters, now), store };
}

/**
 * Counts a request the form turned away, for the Callback Report, in the rate-limit table (so
 * only when rate limits are on), in `store` when the request already opened it. A count that
 * cannot be written is logged and the answer goes out all the same: the report is then one low,
 * the lead's answer is not held up by it.
 */
export async function countRefusal(context: IWebhookFunctions, settings: RateLimitSettings | null, kind: RefusalKind, now: number, store?: CounterStore): Promise<void> {
	if (settings === null) return;
	try {
		await tallyRefusal(store ?? (await openCounterStore(context, settings)), kind, now, randomInt(TALLY_SHARDS), settings.scope, randomBytes(8).toString('hex'));
	} catch (error) {
		context.logger?.warn(`Callback Request Trigger could not count a refused request for the report: ${(error as Error).message}`);
	}
}
