import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { resolveDataTableId, type DataTableReference } from './dataTableByName';
import { runDataTableNode, whereAll } from './dataTableNode';

/**
 * The SMS opt-out list: numbers that must not get texts, and numbers already texted (whose
 * next text need not repeat the opt-out notice). Twilio keeps its own list of numbers that
 * replied STOP and refuses them with error 21610; this list adds what the CRM or the user
 * knows, and spares a request to Twilio for a number known to be opted out.
 */

/** Where an entry came from. */
export type OptOutSource = 'twilio-21610' | 'sms-reply' | 'crm' | 'manual' | 'sms-sent';

export interface SmsContactStatus {
	/** The list has an entry for the number. */
	readonly known: boolean;
	readonly optedOut: boolean;
	readonly source: string | null;
	/** ISO 8601. */
	readonly updatedAt: string | null;
}

export interface OptOutStore {
	/** Where the list lives: an n8n Data Table, the workflow's own storage, or nowhere. */
	readonly kind: 'dataTable' | 'workflow' | 'none';
	/** What an output item shows about the list, e.g. `Data Table 7Kx…`. */
	readonly label: string;
	lookUp(phone: string): Promise<SmsContactStatus>;
	markOptedOut(phone: string, source: OptOutSource): Promise<void>;
	/** The number may be texted again (it replied START, or the CRM says so). */
	markOptedIn(phone: string, source: OptOutSource): Promise<void>;
	/** A text went to the number; an opt-out stays as it is. */
	recordTexted(phone: string): Promise<void>;
}

export const UNKNOWN_CONTACT: SmsContactStatus = { known: false, optedOut: false, source: null, updatedAt: null };

/**
 * The Data Table's columns. One row per number: `phone` in E.164, `opted_out` true when the
 * number must not be texted, `source` the last thing that changed it (see OptOutSource),
 * `updated_at` when. n8n lets community nodes reach tables only through its own Data table node
 * (its Data Table proxy serves that node only), so the list runs it to read and write the table,
 * and on n8n 2.x to find the table by name or make it the first time.
 */
/** The name Send Callback SMS gives the opt-out table unless told otherwise. */
export const DEFAULT_OPT_OUT_TABLE_NAME = 'SMS opt-outs';

export const OPT_OUT_COLUMNS = [
	{ name: 'phone', type: 'string' },
	{ name: 'opted_out', type: 'boolean' },
	{ name: 'source', type: 'string' },
	{ name: 'updated_at', type: 'date' },
] as const;

const SCHEMA_HINT = 'The opt-out table needs the columns phone (string), opted_out (boolean), source (string) and updated_at (date).';

const TABLE_LABEL = 'SMS opt-out table';


function phoneIs(phone: string): IDataObject {
	return whereAll([{ column: 'phone', value: phone }]);
}

/** The list in an n8n Data Table of the workflow's project, named or given by ID. */
export class DataTableOptOutStore implements OptOutStore {
	readonly kind = 'dataTable' as const;
	readonly label: string;
	private tableId: Promise<string> | null = null;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly table: DataTableReference,
	) {
		if (table.id.trim() === '' && table.name.trim() === '') {
			throw new NodeOperationError(context.getNode(), `No opt-out table is set: give its name (it is created on first use) or its ID. ${SCHEMA_HINT}`);
		}
		this.label = table.id.trim() !== '' ? `Data Table ${table.id.trim()}` : `Data Table "${table.name.trim()}"`;
	}

	private async resolvedTableId(): Promise<string> {
		this.tableId ??= resolveDataTableId(this.context, this.table, { label: TABLE_LABEL, columns: OPT_OUT_COLUMNS });
		return await this.tableId;
	}

	async lookUp(phone: string): Promise<SmsContactStatus> {
		const rows = await this.run({ operation: 'get', ...phoneIs(phone), returnAll: true }, []);
		if (rows.length === 0) return UNKNOWN_CONTACT;
		// Concurrent first texts can leave several rows for a number: any opt-out among them wins.
		const newestFirst = [...rows].sort((a, b) => timeOf(b.updated_at) - timeOf(a.updated_at));
		const row = newestFirst.find((candidate) => isTrue(candidate.opted_out)) ?? newestFirst[0];
		return { known: true, optedOut: isTrue(row.opted_out), source: typeof row.source === 'string' ? row.source : null, updatedAt: isoOf(row.updated_at) };
	}

	/** Every number on the list that must not be texted (any opt-out row for a number wins, as in lookUp). */
	async optedOutPhones(): Promise<Set<string>> {
		const rows = await this.run({ operation: 'get', returnAll: true }, []);
		return new Set(rows.filter((row) => isTrue(row.opted_out) && typeof row.phone === 'string').map((row) => String(row.phone)));
	}

	async markOptedOut(phone: string, source: OptOutSource): Promise<void> {
		await this.upsert(phone, true, source);
	}

	async markOptedIn(phone: string, source: OptOutSource): Promise<void> {
		await this.upsert(phone, false, source);
	}

	async recordTexted(phone: string): Promise<void> {
		if ((await this.lookUp(phone)).known) return;
		await this.run({ operation: 'insert', columns: { mappingMode: 'autoMapInputData', value: null } }, [entry(phone, false, 'sms-sent')]);
	}

	private async upsert(phone: string, optedOut: boolean, source: OptOutSource): Promise<void> {
		await this.run({ operation: 'upsert', ...phoneIs(phone), columns: { mappingMode: 'autoMapInputData', value: null } }, [entry(phone, optedOut, source)]);
	}

	private async run(operation: IDataObject, input: IDataObject[]): Promise<IDataObject[]> {
		return await runDataTableNode(this.context, { dataTableId: await this.resolvedTableId(), tableLabel: TABLE_LABEL, operation, input, schemaHint: SCHEMA_HINT });
	}
}

function entry(phone: string, optedOut: boolean, source: OptOutSource): IDataObject {
	return { phone, opted_out: optedOut, source, updated_at: new Date().toISOString() };
}

/** A boolean column, or a text column someone made by hand holding "true". */
function isTrue(value: unknown): boolean {
	return value === true || value === 'true';
}

function timeOf(value: unknown): number {
	const time = value instanceof Date ? value.getTime() : Date.parse(String(value ?? ''));
	return Number.isFinite(time) ? time : 0;
}

function isoOf(value: unknown): string | null {
	const time = timeOf(value);
	return time === 0 ? null : new Date(time).toISOString();
}
