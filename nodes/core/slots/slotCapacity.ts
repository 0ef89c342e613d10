import { weekdayFromName, type Weekday } from '../schedule/weeklyHours';

/** How many callbacks the team can take in one slot, per business-local weekday (1 = Monday). */
export type SlotCapacity = Readonly<Record<Weekday, number>>;

export class SlotSettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SlotSettingsError';
	}
}

const MAX_CAPACITY = 1000;
const ALL_DAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

function capacityNumber(text: string, entry: string): number {
	const value = Number(text);
	if (!/^\d+$/.test(text) || value > MAX_CAPACITY) {
		throw new SlotSettingsError(`Capacity per slot: "${entry}" needs a whole number of callbacks from 0 to ${MAX_CAPACITY}, e.g. "3" or "Mon-Fri 3, Sat 1"`);
	}
	return value;
}

function daysOf(text: string, entry: string): Weekday[] {
	const [fromName, toName] = text.split('-').map((part) => part.trim());
	const from = weekdayFromName(fromName);
	const to = toName === undefined ? from : weekdayFromName(toName);
	if (from === null || to === null) {
		throw new SlotSettingsError(`Capacity per slot: "${entry}" does not start with a day (Mon, Tue, … or a range such as Mon-Fri)`);
	}
	const days: Weekday[] = [];
	for (let day = from; ; day = ((day % 7) + 1) as Weekday) {
		days.push(day);
		if (day === to) break;
	}
	return days;
}

/**
 * "3" (every day), or entries such as "Mon-Fri 3, Sat 1": a day or day range and a number.
 * A plain number sets every day not named elsewhere; days named nowhere take 0 (no slots).
 */
export function parseSlotCapacity(text: string | number): SlotCapacity {
	const capacity: Record<Weekday, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0 };
	const entries = String(text)
		.split(/[,;\n]/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	if (entries.length === 0) throw new SlotSettingsError('Capacity per slot is empty; enter how many callbacks the team can take in one slot, e.g. "3"');
	const named = new Set<Weekday>();
	let everyDay: number | null = null;
	for (const entry of entries) {
		const match = /^(?:(.+?)\s*[:=]?\s+)?(\S+)$/.exec(entry);
		if (match === null) throw new SlotSettingsError(`Capacity per slot: "${entry}" is not understood; write e.g. "3" or "Mon-Fri 3, Sat 1"`);
		const value = capacityNumber(match[2], entry);
		if (match[1] === undefined) {
			everyDay = value;
			continue;
		}
		for (const day of daysOf(match[1], entry)) {
			capacity[day] = value;
			named.add(day);
		}
	}
	if (everyDay !== null) for (const day of ALL_DAYS) if (!named.has(day)) capacity[day] = everyDay;
	return capacity;
}

/**
 * The places a booking may take in a slot of `capacity`: a priority callback may take any, any
 * other leaves the `reservedForPriority` places free (never below zero).
 */
export function placesFor(capacity: number, reservedForPriority: number, priority: boolean): number {
	return priority ? capacity : Math.max(0, capacity - reservedForPriority);
}
