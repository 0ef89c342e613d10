/**
 * The "Scheduled callback" template (workflows/06-scheduled-callback.json), made from the funnel
 * template (02) so that both call, retry and tag the same way: the lead books a time slot on the
 * hosted form, gets the confirmation with the time, a reminder 15 minutes before, and the call at
 * the booked time; then Complete, or the funnel's missed-call path.
 *
 * What changes against the funnel: the form offers time slots (Rate Limits and Time Slots on, with
 * the n8n API credential), a Schedule Attempt set to Wait Until the Reminder Time and a Reminder
 * SMS sit between the confirmation and Schedule Call, and the HighLevel trigger and the SMS reply
 * part stay in the funnel (one workflow answers the Twilio number's texts). Webhook paths and
 * node IDs are the funnel's with a prefix, so both templates can be published in one n8n.
 *
 * `npx ts-node --transpile-only scripts/scheduledCallbackTemplate.ts` writes the file; a unit test
 * keeps it equal to what this makes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { derivedNodeId } from './derivedNodeId';
import { FUNNEL_CALL_NODES } from './funnelCallNodes';
import { aboutNote, copiedNode, keptConnections, readFunnelTemplate, type TemplateNode as Node } from './funnelPart';
import { serialize, TEMPLATES_FOLDER, type Template } from './n8n1Templates';

export const SCHEDULED_FILE = '06-scheduled-callback.json';
const TEMPLATE_NAME = 'scheduled-callback';

/** The funnel's nodes that take the booking, call, retry and tag; the rest stay in the funnel. */
const KEPT = new Set(['Business Settings', 'Website Callback Form', 'Mark Pending', 'Confirmation SMS', ...FUNNEL_CALL_NODES]);

const FORM = 'Booking Form';
const WAIT_FOR_REMINDER = 'Wait for Reminder';
const REMINDER_SMS = 'Reminder SMS';
/** Nodes right of the confirmation move this far, to make room for the reminder. */
const SHIFT = 480;
/** How far below the main row Wait for Reminder sits. */
const WAIT_FOR_REMINDER_DROP = 380;

/** A stable id of the same shape, different from the funnel's. */
const derivedId = (id: string): string => derivedNodeId(TEMPLATE_NAME, id);

const NOTE = [
	'## Scheduled callback',
	'A lead books a time on the hosted form: **Booking Form** offers the free slots of the next 7 days (30 minutes each, 3 callbacks per slot) inside your opening hours (those of **Schedule Call**) and the lead\'s own calling hours, in the lead\'s timezone. A full slot is never offered; two leads taking its last place at once get one place between them. The callback is tagged *Request to Callback Pending* and the confirmation SMS says the booked time on the lead\'s clock ("tomorrow at 3:30 PM EST").',
	'**Wait for Reminder** waits until 15 minutes before the booked time (only for callbacks booked at least 30 minutes ahead), **Reminder SMS** reminds the lead (never outside their texting hours), and **Schedule Call** waits for the booked time. **Still Open?** reads the status again, so a callback cancelled meanwhile is not called.',
	'**Call Business, Then Lead** rings your team first; whoever presses 1 is connected to the lead. Connected: *Complete* + thank-you SMS. Missed: *Incomplete* + missed-call SMS, then another attempt (after 2, then 30 minutes). When all attempts are missed: a voicemail drop, *Failed*, and a final SMS.',
	'**No-shows:** **Mark Failed** counts the lead\'s booked callbacks missed in a row. At the third the lead is tagged *Callback No-Show*, **Final SMS** sends its No-Show Text ("please call us") instead of the final text, and **Booking Form** books the number no slot for 30 days.',
	'For n8n 2.39 and newer (time slots are counted in a Data Table through n8n\'s API). Texts from leads (STATUS, CANCEL, STOP, …) are answered by the funnel template\'s **Text From a Lead**.',
	"### Set up once\n1. **Business Settings**: your business name, Twilio number, team numbers and opening hours (the slots follow them). Every node reads them from there.\n2. A Twilio credential named *Callback Twilio API account* and an n8n API key (Settings > n8n API) in a credential named *Callback Data Tables API account*: made before you import, the nodes pick them up; made after, choose them on the nodes marked with a warning. The slot and rate-limit tables are made when you publish.\n3. The slot length and capacity in **Booking Form**.",
].join('\n\n');

function renamed(name: string): string {
	return name === 'Website Callback Form' ? FORM : name;
}

/** The scheduled-callback template, made from the funnel template. */
export function scheduledCallbackTemplate(funnel: Template): Template {
	const source = structuredClone(funnel);
	const byName = new Map(source.nodes.map((node) => [node.name, node as Node]));
	const confirmation = byName.get('Confirmation SMS')!;
	const scheduleCall = byName.get('Schedule Call')!;
	const [confirmationX] = confirmation.position ?? [0, 0];

	const nodes: Node[] = [];
	for (const original of source.nodes as Node[]) {
		if (!KEPT.has(original.name)) continue;
		const node = copiedNode(original, TEMPLATE_NAME, renamed(original.name));
		if (node.position && node.position[0] > confirmationX) node.position = [node.position[0] + SHIFT, node.position[1]];
		if (node.name === FORM) {
			node.parameters = {
				...node.parameters,
				path: 'book-a-callback',
				formTitle: 'Book a callback',
				formFields: ['email', 'reason'],
				rateLimits: 'dataTable',
				timeSlots: 'dataTable',
			};
			node.credentials = { callbackN8nApi: { id: '', name: 'Callback Data Tables API account' } };
		}
		nodes.push(node);
	}
	const [x, y] = confirmation.position ?? [0, 0];
	nodes.push({
		...structuredClone(scheduleCall),
		id: derivedId('wait-for-reminder'),
		webhookId: derivedId('wait-for-reminder-webhook'),
		name: WAIT_FOR_REMINDER,
		// A row lower than the reminder and the call: its other outputs run right, under their names.
		position: [x + 240, y + WAIT_FOR_REMINDER_DROP],
		parameters: { ...scheduleCall.parameters, mode: 'waitForReminder' },
	});
	nodes.push({
		...structuredClone(confirmation),
		id: derivedId('reminder-sms'),
		name: REMINDER_SMS,
		position: [x + 480, y],
		parameters: { ...confirmation.parameters, messageType: 'reminder' },
	});
	nodes.push(aboutNote(TEMPLATE_NAME, [-480, -260], { width: 440, height: 960 }, NOTE));

	const connections = keptConnections(source.connections, KEPT, renamed);
	const toNode = (node: string) => [{ node, type: 'main', index: 0 }];
	// The confirmation (sent or not) goes to the reminder's wait, which goes on as Schedule Call does.
	connections['Confirmation SMS'].main = (connections['Confirmation SMS'].main ?? []).map((targets) => (targets.length > 0 ? toNode(WAIT_FOR_REMINDER) : []));
	const scheduleOutputs = connections['Schedule Call'].main ?? [];
	connections[WAIT_FOR_REMINDER] = { main: [toNode(REMINDER_SMS), ...scheduleOutputs.slice(1).map((targets) => structuredClone(targets))] };
	connections[REMINDER_SMS] = { main: [[], toNode('Schedule Call'), toNode('Schedule Call')] };

	return { ...source, name: 'Scheduled callback (book a time, reminder, call business then lead)', nodes, connections };
}

export function scheduledCallbackFile(): string {
	return serialize(scheduledCallbackTemplate(readFunnelTemplate()));
}

if (require.main === module) {
	writeFileSync(join(TEMPLATES_FOLDER, SCHEDULED_FILE), scheduledCallbackFile());
}
