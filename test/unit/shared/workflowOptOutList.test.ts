import type { IDataObject } from 'n8n-workflow';

import { NoOptOutList, WorkflowOptOutList } from '../../../nodes/shared/workflowOptOutList';

const PHONE = '+14155552671';

describe('WorkflowOptOutList (workflow static data)', () => {
	it('knows nothing of a new number', async () => {
		expect(await new WorkflowOptOutList({}).lookUp(PHONE)).toEqual({ known: false, optedOut: false, source: null, updatedAt: null });
	});

	it('records a texted number without turning it into an opt-out, and keeps an opt-out when texted later', async () => {
		const staticData: IDataObject = {};
		const list = new WorkflowOptOutList(staticData);
		await list.recordTexted(PHONE);
		expect(await list.lookUp(PHONE)).toMatchObject({ known: true, optedOut: false, source: 'sms-sent' });
		await list.markOptedOut(PHONE, 'twilio-21610');
		await list.recordTexted(PHONE);
		expect(await list.lookUp(PHONE)).toMatchObject({ known: true, optedOut: true, source: 'twilio-21610' });
		await list.markOptedIn(PHONE, 'sms-reply');
		expect(await list.lookUp(PHONE)).toMatchObject({ optedOut: false, source: 'sms-reply' });
	});

	it('keeps its entries in the static data n8n saves, so a later execution reads them', async () => {
		const staticData: IDataObject = {};
		await new WorkflowOptOutList(staticData).markOptedOut(PHONE, 'crm');
		const saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect(await new WorkflowOptOutList(saved).lookUp(PHONE)).toMatchObject({ optedOut: true, source: 'crm', updatedAt: expect.stringMatching(/^\d{4}-/) });
	});
});

describe('NoOptOutList', () => {
	it('remembers nothing', async () => {
		const list = new NoOptOutList();
		await list.markOptedOut();
		expect(await list.lookUp()).toMatchObject({ known: false, optedOut: false });
	});
});
