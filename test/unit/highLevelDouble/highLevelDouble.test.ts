import { readFileSync } from 'node:fs';

import axios, { type AxiosRequestConfig } from 'axios';

import { HIGHLEVEL_SPEC_PATH, HighLevelDouble, OpenApiSpec } from '../../highLevelDouble';

describe('HighLevel double over HTTP', () => {
	const double = new HighLevelDouble({ token: 'pit-test-token', locationId: 'loc_1' });
	const headers = { Authorization: 'Bearer pit-test-token', Version: '2021-07-28' };
	const call = async (config: AxiosRequestConfig) => await axios.request({ baseURL: double.baseUrl, validateStatus: () => true, headers, ...config });

	beforeAll(async () => {
		await double.start();
	});

	afterAll(async () => {
		await double.stop();
	});

	it('finds a contact by phone, adds and removes tags, and keeps notes', async () => {
		const contact = double.addContact({ phone: '+14155552671', firstName: 'Jane', tags: ['VIP'] });
		const found = await call({ method: 'GET', url: '/contacts/search/duplicate', params: { locationId: 'loc_1', number: '+14155552671' } });
		expect(found.status).toBe(200);
		expect(found.data.contact).toMatchObject({ id: contact.id, tags: ['vip'] });

		const added = await call({ method: 'POST', url: `/contacts/${contact.id}/tags`, data: { tags: ['Request to Callback Pending'] } });
		expect(added.status).toBe(201);
		expect(added.data.tags).toEqual(['vip', 'request to callback pending']);
		const removed = await call({ method: 'DELETE', url: `/contacts/${contact.id}/tags`, data: { tags: ['Request to Callback Pending'] } });
		expect(removed.data.tags).toEqual(['vip']);

		const note = await call({ method: 'POST', url: `/contacts/${contact.id}/notes`, data: { body: 'Callback status: Pending' } });
		expect(note.status).toBe(201);
		const notes = await call({ method: 'GET', url: `/contacts/${contact.id}/notes` });
		expect(notes.data.notes.map((n: { body: string }) => n.body)).toEqual(['Callback status: Pending']);
		expect(double.violations).toEqual([]);
	});

	it('answers 401 to a wrong token', async () => {
		const response = await call({ method: 'GET', url: '/contacts/', params: { locationId: 'loc_1' }, headers: { ...headers, Authorization: 'Bearer nope' } });
		expect(response.status).toBe(401);
		expect(response.data).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
	});

	it.each([
		['a missing Version header', { method: 'GET', url: '/contacts/', params: { locationId: 'loc_1' }, headers: { Authorization: headers.Authorization } }, /header parameter "Version" is required/],
		['a wrong API version', { method: 'GET', url: '/contacts/', params: { locationId: 'loc_1' }, headers: { ...headers, Version: '2021-04-15' } }, /must be one of 2021-07-28/],
		['a missing required query parameter', { method: 'GET', url: '/contacts/search/duplicate', params: { number: '+1415' } }, /"locationId" is required/],
		['an unknown query parameter', { method: 'GET', url: '/contacts/', params: { locationId: 'loc_1', phone: '+1' } }, /"phone" is not defined/],
		['a number parameter that is not a number', { method: 'GET', url: '/contacts/', params: { locationId: 'loc_1', limit: 'ten' } }, /"limit" must be a number/],
		['a body missing a required field', { method: 'POST', url: '/contacts/abc/notes', data: { title: 'x' } }, /body.body is required/],
		['a body field of the wrong type', { method: 'POST', url: '/contacts/abc/tags', data: { tags: 'Complete' } }, /body.tags must be array/],
		['a misspelt body field', { method: 'POST', url: '/contacts/upsert', data: { locationId: 'loc_1', phone: '+1', firstname: 'x' } }, /body.firstname is not a property/],
		['an enum value the spec does not list', { method: 'GET', url: '/opportunities/search', params: { location_id: 'loc_1', status: 'pending' } }, /must be one of open, won, lost, abandoned, all/],
	] as Array<[string, AxiosRequestConfig, RegExp]>)('refuses %s with the error the operation documents and records it', async (_, config, message) => {
		const before = double.violations.length;
		const response = await call(config);
		expect([400, 422]).toContain(response.status);
		expect(double.violations.length).toBe(before + 1);
		expect(double.violations[double.violations.length - 1]).toMatch(message);
	});

	it('moves an opportunity to another stage', async () => {
		const contact = double.addContact({ phone: '+12125550147' });
		const opportunity = double.addOpportunity({ contactId: contact.id, pipelineId: 'pipe_1', pipelineStageId: 'stage_new' });
		const search = await call({ method: 'GET', url: '/opportunities/search', params: { location_id: 'loc_1', contact_id: contact.id, pipeline_id: 'pipe_1', status: 'open' } });
		expect(search.data.opportunities.map((o: { id: string }) => o.id)).toEqual([opportunity.id]);
		const moved = await call({ method: 'PUT', url: `/opportunities/${opportunity.id}`, data: { pipelineId: 'pipe_1', pipelineStageId: 'stage_done' } });
		expect(moved.status).toBe(200);
		expect(double.opportunities.get(opportunity.id)?.pipelineStageId).toBe('stage_done');
	});
});

describe('HighLevel spec', () => {
	const spec = new OpenApiSpec();

	it('prefers literal path segments over templated ones', () => {
		expect(spec.match('GET', '/contacts/search/duplicate')?.operationId).toBe('get-duplicate-contact');
		expect(spec.match('GET', '/contacts/abc123')?.operationId).toBe('get-contact');
		expect(spec.match('DELETE', '/contacts/abc123/tags')?.operationId).toBe('remove-tags');
		expect(spec.match('GET', '/contacts/abc123/unknown')).toBeNull();
	});

	it('follows local $refs to the error schemas', () => {
		const matched = spec.match('POST', '/contacts/abc/tags')!;
		expect(spec.validateResponse(matched, 422, { statusCode: 422, message: ['x'], error: 'Unprocessable Entity' })).toEqual([]);
		expect(spec.validateResponse(matched, 422, { statusCode: '422', message: 'x' })).toEqual(['response.statusCode must be number, not string', 'response.message must be array, not string']);
	});

	it('is the project\'s own file: the operations the package and the double use, local $refs only, Version header and bearer token on each', () => {
		const text = readFileSync(HIGHLEVEL_SPEC_PATH, 'utf8');
		const document = JSON.parse(text) as { info: { description: string }; paths: Record<string, Record<string, { operationId: string; parameters: Array<{ name: string; in: string; required?: boolean; schema: { enum?: string[] } }>; security: Array<Record<string, string[]>> }>> };
		expect(document.info.description).toMatch(/project's own description of the HighLevel API v2 endpoints/);
		for (const [, target] of text.matchAll(/"\$ref": "([^"]*)"/g)) expect(target).toMatch(/^#\/components\/schemas\/\w+$/);
		const operations = Object.entries(document.paths).flatMap(([template, item]) => Object.entries(item).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${template}`, operation })));
		expect(operations.map(({ route, operation }) => `${route} ${operation.operationId}`).sort()).toEqual([
			'DELETE /contacts/{contactId}/tags remove-tags',
			'GET /contacts/ get-contacts',
			'GET /contacts/search/duplicate get-duplicate-contact',
			'GET /contacts/{contactId} get-contact',
			'GET /contacts/{contactId}/notes get-all-notes',
			'GET /opportunities/search search-opportunity',
			'POST /contacts/search search-contacts-advanced',
			'POST /contacts/upsert upsert-contact',
			'POST /contacts/{contactId}/notes create-note',
			'POST /contacts/{contactId}/tags add-tags',
			'PUT /opportunities/{id} update-opportunity',
		]);
		for (const { operation } of operations) {
			expect(operation.parameters.find((parameter) => parameter.in === 'header')).toMatchObject({ name: 'Version', required: true, schema: { enum: ['2021-07-28'] } });
			expect(operation.security.some((requirement) => 'bearer' in requirement)).toBe(true);
		}
	});

	it('refuses a $ref into another file', () => {
		expect(() => spec.resolve({ schema: { $ref: '../common/common-schemas.json#/components/schemas/BadRequestDTO' }, file: HIGHLEVEL_SPEC_PATH })).toThrow(/only local \$refs/);
	});
});
