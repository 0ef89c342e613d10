import type { IExecuteFunctions } from 'n8n-workflow';

import type { DataTableReference } from './dataTableByName';
import { DataTableOptOutStore, type OptOutStore } from './optOutStore';
import { NoOptOutList, WorkflowOptOutList } from './workflowOptOutList';

export type OptOutListKind = 'workflow' | 'dataTable' | 'none';

/** The opt-out list a node's settings name, bound to this execution. */
export function openOptOutStore(context: IExecuteFunctions, kind: OptOutListKind, table: DataTableReference): OptOutStore {
	if (kind === 'dataTable') return new DataTableOptOutStore(context, table);
	if (kind === 'workflow') return new WorkflowOptOutList(context.getWorkflowStaticData('global'));
	return new NoOptOutList();
}
