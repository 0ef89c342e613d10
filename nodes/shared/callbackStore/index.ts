export { DataTableNodeTable, DataTableSetupError } from './dataTableNodeTable';
export { HighLevelCallbackStore, type HighLevelClient, type HighLevelEffects, type HighLevelRequest, type HighLevelStoreSettings, type NewContactDetails } from './highLevelCallbackStore';
export { CONTACTS_PAGE_SIZE, MAX_CONTACTS_READ, readHighLevelCallbackHistory, type HighLevelCallbackHistory, type HighLevelHistorySettings } from './highLevelCallbackHistory';
export { DEFAULT_HIGHLEVEL_BASE_URL, HIGHLEVEL_CREDENTIAL, highLevelConnection, highLevelRequest } from './highLevelTransport';
export { openCallbackStore, readCallback, readCallbackStatus, type CallbackStoreSettings } from './openCallbackStore';
