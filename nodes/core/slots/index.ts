export { slotCalendar, SLOT_MINUTES, type Slot, type SlotMinutes, type SlotCalendarRequest } from './slotCalendar';
export { parseSlotCapacity, placesFor, SlotSettingsError, type SlotCapacity } from './slotCapacity';
export { parseSlotSettings, parseDuration, type SlotSettings, type SlotSettingsText } from './slotSettings';
export { alternativesTo, bookedInRow, bookSlot, freeSlots, slotCounterKey, type BookingOutcome, type BookingRules, type SlotCounts } from './slotBooking';
export { labelSlot, labelSlots, type SlotLabel } from './slotLabels';
export { readPriority, type CallbackPriority } from './priority';
