import axios from 'axios';

import { DEFAULT_OPT_OUT_TAG, DEFAULT_STATUS_TAGS, systemNoteText } from '../../../../nodes/core/callbackStore';
import { CONTACTS_PAGE_SIZE, readHighLevelCallbackHistory } from '../../../../nodes/shared/callbackStore/highLevelCallbackHistory';
import type { HighLevelClient } from '../../../../nodes/shared/callbackStore/highLevelCallbackStore';
import { HighLevelDouble } from '../../../highLevelDouble';

function clientFor(double: HighLevelDouble): HighLevelClient {
	return async ({ method, path, qs, body }) => {
		const response = await axios.request({ method, url: `${double.baseUrl}${path}`, params: qs, data: body, headers: { Authorization: `Bearer ${double.token}`, Version: '2021-07-28' }, validateStatus: () => true });
		if (response.status >= 400) throw new Error(`HighLevel answered ${response.status}: ${JSON.stringify(response.data)}`);
		return response.data;
	};
}

describe('reading the callbacks back from HighLevel (against the spec-checked double)', () => {
	let double: HighLevelDouble;

	beforeEach(async () => {
		double = new HighLevelDouble();
		await double.start();
	});
	afterEach(async () => {
		expect(double.requests.filter((request) => request.errors.length > 0)).toEqual([]);
		expect(double.violations).toEqual([]);
		await double.stop();
	});

	function contactWithCallback(index: number, tags: string[]): void {
		const contact = double.addContact({ phone: `+1212555${String(1000 + index)}`, tags });
		const note = (status: 'pending' | 'complete', previousStatus: 'pending' | null, minute: number) =>
			double.notes.push({ id: `n${index}-${minute}`, contactId: contact.id, dateAdded: '', body: systemNoteText({ at: new Date(Date.UTC(2026, 10, 30, 14, minute)).toISOString(), status, previousStatus, attempt: null, outcome: null }) });
		note('pending', null, 0);
		if (tags.includes('complete')) note('complete', 'pending', 5);
	}

	it('finds every contact with a status tag over several search pages, and no other, and reads its callbacks', async () => {
		for (let index = 0; index < 2 * CONTACTS_PAGE_SIZE + 30; index++) contactWithCallback(index, [index % 2 === 0 ? 'complete' : 'request to callback pending', 'roofing']);
		double.addContact({ phone: '+13125550100', tags: ['roofing'] });
		const { records, contactsNotRead } = await readHighLevelCallbackHistory(clientFor(double), { locationId: double.locationId, tagNames: DEFAULT_STATUS_TAGS, optOutTag: DEFAULT_OPT_OUT_TAG });
		expect(records).toHaveLength(230);
		expect(records.filter((record) => record.status === 'complete')).toHaveLength(115);
		expect(contactsNotRead).toBe(0);
		expect(double.requests.filter((request) => request.operationId === 'search-contacts-advanced')).toHaveLength(3);
		expect(double.requests.filter((request) => request.operationId === 'get-all-notes')).toHaveLength(230);
	});

	it('finds contacts by the tag names the funnel uses', async () => {
		contactWithCallback(1, ['called back']);
		const settings = { locationId: double.locationId, optOutTag: DEFAULT_OPT_OUT_TAG };
		expect((await readHighLevelCallbackHistory(clientFor(double), { ...settings, tagNames: DEFAULT_STATUS_TAGS })).records).toHaveLength(0);
		expect((await readHighLevelCallbackHistory(clientFor(double), { ...settings, tagNames: { ...DEFAULT_STATUS_TAGS, complete: 'Called Back' } })).records).toHaveLength(1);
	});
});
