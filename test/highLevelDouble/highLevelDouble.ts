import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { OpenApiSpec, type MatchedOperation } from './openApiSpec';

/**
 * A local stand-in for HighLevel's API v2 (contacts, tags, notes, opportunities), kept in memory.
 * Every request is checked against the project's description of HighLevel's API
 * (highLevelApi.openapi.json) before it is served: one that departs from it is answered 422 (400
 * where HighLevel documents no 422) and kept in `violations`, so a test can demand there are none.
 * Its own answers are checked against the description's response schemas too.
 */

export interface DoubleContact {
	id: string;
	locationId: string;
	firstName?: string;
	lastName?: string;
	email?: string;
	phone: string;
	/** HighLevel keeps tags in lower case. */
	tags: string[];
	dateAdded: string;
}

export interface DoubleNote {
	id: string;
	contactId: string;
	body: string;
	dateAdded: string;
}

export interface DoubleOpportunity {
	id: string;
	name: string;
	locationId: string;
	contactId: string;
	pipelineId: string;
	pipelineStageId: string;
	status: 'open' | 'won' | 'lost' | 'abandoned';
	lastStageChangeAt: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	operationId: string | null;
	query: Record<string, string | string[]>;
	body: unknown;
	errors: string[];
}

export interface HighLevelDoubleOptions {
	token?: string;
	locationId?: string;
}

function newId(): string {
	return randomBytes(10).toString('base64url').slice(0, 20);
}

function digits(phone: string | undefined): string {
	return (phone ?? '').replace(/\D/g, '');
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export class HighLevelDouble {
	readonly token: string;
	readonly locationId: string;
	readonly contacts = new Map<string, DoubleContact>();
	readonly notes: DoubleNote[] = [];
	readonly opportunities = new Map<string, DoubleOpportunity>();
	readonly requests: RecordedRequest[] = [];
	/** Requests that did not conform to the spec, and answers of the double that did not. */
	readonly violations: string[] = [];
	private readonly spec = new OpenApiSpec();
	private server: Server | undefined;
	baseUrl = '';

	constructor(options: HighLevelDoubleOptions = {}) {
		this.token = options.token ?? `pit-${randomBytes(12).toString('hex')}`;
		this.locationId = options.locationId ?? 'loc_double_1';
	}

	async start(): Promise<string> {
		this.server = createServer((request, response) => {
			this.handle(request, response).catch((error: Error) => {
				this.violations.push(`double failed: ${error.message}`);
				response.writeHead(500).end();
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	addContact(contact: Partial<DoubleContact> & { phone: string }): DoubleContact {
		const stored: DoubleContact = { id: newId(), locationId: this.locationId, tags: [], dateAdded: new Date().toISOString(), ...contact };
		stored.tags = stored.tags.map((tag) => tag.toLowerCase());
		this.contacts.set(stored.id, stored);
		return stored;
	}

	addOpportunity(opportunity: Pick<DoubleOpportunity, 'contactId' | 'pipelineId' | 'pipelineStageId'> & Partial<DoubleOpportunity>): DoubleOpportunity {
		const stored: DoubleOpportunity = { id: newId(), name: 'Callback', locationId: this.locationId, status: 'open', lastStageChangeAt: new Date().toISOString(), ...opportunity };
		this.opportunities.set(stored.id, stored);
		return stored;
	}

	contactByPhone(phone: string): DoubleContact | undefined {
		return [...this.contacts.values()].find((contact) => digits(contact.phone) === digits(phone));
	}

	notesOf(contactId: string): DoubleNote[] {
		return this.notes.filter((note) => note.contactId === contactId);
	}

	/**
	 * The contacts a search's filters select (AND at the top, groups with AND or OR). The double
	 * understands tag filters only, matched as HighLevel keeps tags (lower case); for any other
	 * filter it answers null and the request is recorded as one it cannot serve.
	 */
	private filterMatcher(filters: unknown): ((contact: DoubleContact) => boolean) | null {
		type Filter = { group?: 'AND' | 'OR'; filters?: Filter[]; field?: string; operator?: string; value?: unknown };
		const one = (filter: Filter): ((contact: DoubleContact) => boolean) | null => {
			if (filter.group !== undefined) {
				const parts = (filter.filters ?? []).map(one);
				if (parts.some((part) => part === null)) return null;
				const tests = parts as Array<(contact: DoubleContact) => boolean>;
				return filter.group === 'OR' ? (contact) => tests.some((test) => test(contact)) : (contact) => tests.every((test) => test(contact));
			}
			if (filter.field !== 'tags' || filter.operator !== 'eq' || typeof filter.value !== 'string') return null;
			const tag = filter.value.toLowerCase();
			return (contact) => contact.tags.includes(tag);
		};
		const top = one({ group: 'AND', filters: Array.isArray(filters) ? (filters as Filter[]) : [] });
		if (top === null) this.violations.push(`the double does not serve the search filters ${JSON.stringify(filters)}`);
		return top;
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://double');
		const query: Record<string, string | string[]> = {};
		for (const [name, value] of url.searchParams) {
			const seen = query[name];
			query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
		}
		const text = await readBody(request);
		let body: unknown;
		let parseError: string | null = null;
		if (text !== '') {
			try {
				body = JSON.parse(text);
			} catch {
				parseError = 'the body is not valid JSON';
			}
		}
		const method = request.method ?? 'GET';
		const { matched, errors } = this.spec.validateRequest({ method, path: url.pathname, query, headers: request.headers, body, contentType: request.headers['content-type'] });
		if (parseError) errors.push(parseError);
		const recorded: RecordedRequest = { method, path: url.pathname, operationId: matched?.operationId ?? null, query, body, errors };
		this.requests.push(recorded);

		const send = (status: number, value: unknown): void => {
			// What goes over the wire: fields left undefined are not sent.
			const payload = JSON.parse(JSON.stringify(value)) as unknown;
			if (matched !== null) for (const error of this.spec.validateResponse(matched, status, payload)) this.violations.push(`double answered ${matched.operationId} ${status} off-spec: ${error}`);
			response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
		};
		if (matched === null) {
			this.violations.push(`${method} ${url.pathname}: ${errors.join('; ')}`);
			response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 404, message: errors.join('; ') }));
			return;
		}
		if (request.headers.authorization !== `Bearer ${this.token}`) {
			send(401, { statusCode: 401, message: 'Invalid token: access token is invalid', error: 'Unauthorized' });
			return;
		}
		if (errors.length > 0) {
			this.violations.push(`${method} ${url.pathname} (${matched.operationId}): ${errors.join('; ')}`);
			// The error each operation documents: 422 where the spec lists it, else 400.
			if (matched.operation.responses['422'] !== undefined) send(422, { statusCode: 422, message: errors, error: 'Unprocessable Entity' });
			else send(400, { statusCode: 400, message: errors.join('; ') });
			return;
		}
		this.serve(matched, query as Record<string, string>, body as Record<string, unknown>, send);
	}

	private serve(matched: MatchedOperation, query: Record<string, string>, body: Record<string, unknown>, send: (status: number, payload: unknown) => void): void {
		const { contactId, id } = matched.pathParams;
		const wrongLocation = (locationId: unknown): boolean => locationId !== this.locationId;
		const contact = contactId === undefined ? undefined : this.contacts.get(contactId);
		if (contactId !== undefined && contact === undefined) {
			send(400, { statusCode: 400, message: 'Contact not found' });
			return;
		}
		const now = new Date().toISOString();
		switch (matched.operationId) {
			case 'get-duplicate-contact': {
				if (wrongLocation(query.locationId)) return send(400, { statusCode: 400, message: 'Location not found' });
				const found = query.number ? this.contactByPhone(query.number) : [...this.contacts.values()].find((c) => c.email === query.email?.toLowerCase());
				return send(200, { contact: found ?? null, traceId: newId() });
			}
			case 'get-contacts':
				if (wrongLocation(query.locationId)) return send(400, { statusCode: 400, message: 'Location not found' });
				return send(200, { contacts: [...this.contacts.values()].slice(0, Number(query.limit ?? 20)), count: this.contacts.size });
			case 'search-contacts-advanced': {
				if (wrongLocation(body.locationId)) return send(400, { statusCode: 400, message: 'Location not found' });
				const matches = this.filterMatcher(body.filters);
				if (matches === null) return send(400, { statusCode: 400, message: 'The double serves tag filters only (tags eq, alone or grouped)' });
				const found = [...this.contacts.values()].filter(matches);
				const pageLimit = Number(body.pageLimit);
				const start = (Number(body.page ?? 1) - 1) * pageLimit;
				return send(200, { contacts: found.slice(start, start + pageLimit), total: found.length });
			}
			case 'get-contact':
				return send(200, { contact });
			case 'upsert-contact': {
				if (wrongLocation(body.locationId)) return send(400, { statusCode: 400, message: 'Location not found' });
				const existing = typeof body.phone === 'string' ? this.contactByPhone(body.phone) : undefined;
				const fields = { firstName: body.firstName as string | undefined, lastName: body.lastName as string | undefined, email: (body.email as string | undefined)?.toLowerCase() };
				if (existing) {
					Object.assign(existing, Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)));
					return send(200, { new: false, contact: existing, traceId: newId() });
				}
				const created = this.addContact({ phone: String(body.phone ?? ''), ...fields });
				return send(200, { new: true, contact: created, traceId: newId() });
			}
			case 'add-tags': {
				for (const tag of body.tags as string[]) if (!contact!.tags.includes(tag.toLowerCase())) contact!.tags.push(tag.toLowerCase());
				return send(201, { tags: contact!.tags });
			}
			case 'remove-tags': {
				const removed = new Set((body.tags as string[]).map((tag) => tag.toLowerCase()));
				contact!.tags = contact!.tags.filter((tag) => !removed.has(tag));
				return send(200, { tags: contact!.tags });
			}
			case 'create-note': {
				const note: DoubleNote = { id: newId(), contactId: contact!.id, body: String(body.body), dateAdded: now };
				this.notes.push(note);
				return send(201, { note });
			}
			case 'get-all-notes':
				return send(200, { notes: this.notesOf(contact!.id) });
			case 'search-opportunity': {
				if (wrongLocation(query.location_id)) return send(400, { statusCode: 400, message: 'Location not found' });
				const opportunities = [...this.opportunities.values()].filter(
					(o) =>
						(!query.contact_id || o.contactId === query.contact_id) &&
						(!query.pipeline_id || o.pipelineId === query.pipeline_id) &&
						(!query.status || query.status === 'all' || o.status === query.status),
				);
				return send(200, { opportunities, meta: { total: opportunities.length, currentPage: 1 } });
			}
			case 'update-opportunity': {
				const opportunity = this.opportunities.get(id);
				if (opportunity === undefined) return send(400, { statusCode: 400, message: 'Opportunity not found' });
				if (typeof body.pipelineId === 'string') opportunity.pipelineId = body.pipelineId;
				if (typeof body.pipelineStageId === 'string' && body.pipelineStageId !== opportunity.pipelineStageId) {
					opportunity.pipelineStageId = body.pipelineStageId;
					opportunity.lastStageChangeAt = now;
				}
				return send(200, { opportunity });
			}
			default:
				this.violations.push(`the double does not serve ${matched.operationId}`);
				return send(400, { statusCode: 400, message: `${matched.operationId} is not served by the test double` });
		}
	}
}
