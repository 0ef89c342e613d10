/**
 * The "SMS replies" template (workflows/07-sms-replies.json), made from the funnel template (02):
 * the funnel's Text From a Lead part on its own, for callbacks started elsewhere (the missed-call
 * and phone-menu templates, or any workflow keeping its statuses in the same table). A lead's
 * STATUS, CANCEL, RESCHEDULE and CALLME are answered from the shared status table; a callback
 * asked for by text is scheduled, placed, retried and tagged by the funnel's own call nodes,
 * copied here, so both templates call and tag the same way.
 *
 * The funnel keeps its own copy of this part, since a Twilio number sends its texts to one
 * address: a business publishes the funnel, or this template beside the other triggers. Webhook
 * paths and node IDs are new, so both can be published in one n8n.
 *
 * `npx ts-node --transpile-only scripts/smsRepliesTemplate.ts` writes the file; a unit test keeps
 * it equal to what this makes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { FUNNEL_CALL_NODES } from './funnelCallNodes';
import { aboutNote, copiedNode, keptConnections, readFunnelTemplate, type TemplateNode } from './funnelPart';
import { serialize, TEMPLATES_FOLDER, type Template } from './n8n1Templates';

export const SMS_REPLIES_FILE = '07-sms-replies.json';
export const SMS_REPLIES_PATH = 'lead-texts';

const TEMPLATE_NAME = 'sms-replies';

const TRIGGER = 'Text From a Lead';
const SETTINGS = 'Business Settings';
/** The node a texted callback starts at; Business Settings sits in front of it. */
const NEW_CALLBACK = 'Mark Pending (Text)';

/** The funnel's nodes that answer texts. */
const TEXT_NODES = new Set([
	TRIGGER,
	'Find Callback (Status)',
	'Find Callback (Cancel)',
	'Time Given?',
	'Find Callback (Reschedule)',
	'Cancel for Reschedule',
	NEW_CALLBACK,
	'Callback Booked SMS',
	'Mark Cancelled',
	'Cancelled SMS',
	'Status SMS',
	'No Callback SMS',
	'Ask for a Time SMS',
	'Record Opt-Out',
	'CANCEL Texted?',
	'Record Opt-In',
	"Didn't Understand SMS",
]);

/** The funnel's nodes that wait for the time, call, retry and tag. */
const CALL_NODES = new Set(FUNNEL_CALL_NODES);

/**
 * Where things go on the canvas: a row of its own for a callback asked for by text (Business
 * Settings → Mark Pending (Text) → Callback Booked SMS → the call part), between the cancel row
 * and the reschedule row, which moves down with everything under it to make room.
 */
const BOOKED_ROW_Y = 1740;
/** Text nodes at or below this height move down by LOWER_PART_SHIFT. */
const LOWER_PART_FROM_Y = 1700;
const LOWER_PART_SHIFT = 200;
const SETTINGS_POSITION: [number, number] = [300, BOOKED_ROW_Y];
const TRIGGER_POSITION: [number, number] = [0, 1840];
/** Schedule Call lands this far right of Callback Booked SMS, on its row; the other call nodes keep their places around it. */
const CALL_PART_GAP = 320;

const NOTE = [
	'## SMS replies',
	'Leads answer your texts, and **Text From a Lead** reads what they mean. Use this workflow with the missed-call (03) or phone-menu (04) template, or any workflow that keeps its callbacks in the data table *Callback statuses*. The request-a-callback funnel (02) answers texts itself: your Twilio number sends its texts to one address, so publish the funnel, or this workflow, for a number.',
	"### Set up once\n1. **Business Settings**: your business name, Twilio number, team numbers and opening hours (the same as in your other callback workflow).\n2. A Twilio credential named *Callback Twilio API account*: made before you import, every Twilio node here picks it up; made after, choose it on the nodes marked with a warning.\n3. In the Twilio Console open your number and paste the Production URL of **Text From a Lead** into **Messaging → A message comes in** (Webhook, HTTP POST). The credential checks that every text really comes from Twilio.",
	'### What each reply does\n- **@status** (or STATUS): the time of the waiting call.\n- **@cancel**: *Cancelled*; the waiting call ends without calling.\n- **@callme**: a new callback, unless one is already open. **Schedule Call** waits for your opening hours and the lead\'s calling hours, then **Call Business, Then Lead** rings your team; whoever presses 1 is connected. Connected: *Complete* + thank-you SMS; missed: retries, a voicemail drop, *Failed* and a final SMS.\n- **RESCHEDULE tomorrow 10am**: the waiting call ends and a new one is set for that time (moved into your opening hours if needed).\n- **STOP**, UNSUBSCRIBE, END, QUIT…: no more texts from any node here (the opt-out table *SMS opt-outs*). **CANCEL** also calls the callback off. **START** allows texts again. Your carrier answers STOP, START and HELP itself.\n- **UPDATE** and a number: the new number is checked (reply.newNumber); connect it to your CRM.\n- Anything else: a short list of what they can text.',
	'Answers go out only inside the lead\'s texting hours and never to a number that opted out. For n8n 2.39 and newer; on n8n 1.x import workflows/n8n-1.x/07-sms-replies.json.',
].join('\n\n');

/** The SMS-replies template, made from the funnel template. */
export function smsRepliesTemplate(funnel: Template): Template {
	const source = structuredClone(funnel);
	const kept = new Set([...TEXT_NODES, ...CALL_NODES, SETTINGS]);
	const positionOf = (name: string): [number, number] => (source.nodes.find((node) => node.name === name) as TemplateNode | undefined)?.position ?? [0, 0];
	const [bookedX] = positionOf('Callback Booked SMS');
	const [scheduleX, scheduleY] = positionOf('Schedule Call');
	const callPartOffset: [number, number] = [bookedX + CALL_PART_GAP - scheduleX, BOOKED_ROW_Y - scheduleY];

	const nodes: TemplateNode[] = [];
	for (const original of source.nodes as TemplateNode[]) {
		if (!kept.has(original.name)) continue;
		const node = copiedNode(original, TEMPLATE_NAME);
		const [x, y] = node.position ?? [0, 0];
		if (node.name === TRIGGER) node.parameters = { ...node.parameters, path: SMS_REPLIES_PATH };
		if (node.name === SETTINGS) node.position = SETTINGS_POSITION;
		else if (node.name === TRIGGER) node.position = TRIGGER_POSITION;
		else if (node.name === NEW_CALLBACK || node.name === 'Callback Booked SMS') node.position = [x, BOOKED_ROW_Y];
		else if (CALL_NODES.has(node.name)) node.position = [x + callPartOffset[0], y + callPartOffset[1]];
		else if (y >= LOWER_PART_FROM_Y) node.position = [x, y + LOWER_PART_SHIFT];
		nodes.push(node);
	}
	nodes.push(aboutNote(TEMPLATE_NAME, [-500, 900], { width: 460, height: 1080 }, NOTE));

	const connections = keptConnections(source.connections, kept);
	// A callback asked for by text passes Business Settings, so n8n checks the settings before publishing.
	const triggerOutputs = connections[TRIGGER].main ?? [];
	connections[TRIGGER].main = triggerOutputs.map((targets) => targets.map((target) => (target.node === NEW_CALLBACK ? { ...target, node: SETTINGS } : target)));
	// Business Settings' own wiring goes last in the file, as the template has always had it.
	delete connections[SETTINGS];
	connections[SETTINGS] = { main: [[{ node: NEW_CALLBACK, type: 'main', index: 0 }]] };

	return { ...source, name: 'SMS replies (status, cancel, reschedule, call me, STOP)', nodes, connections };
}

export function smsRepliesFile(): string {
	return serialize(smsRepliesTemplate(readFunnelTemplate()));
}

if (require.main === module) {
	writeFileSync(join(TEMPLATES_FOLDER, SMS_REPLIES_FILE), smsRepliesFile());
}
