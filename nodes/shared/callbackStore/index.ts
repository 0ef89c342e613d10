export { DataTableNodeTable, DataTableSetupError } from './dataTableNodeTable';
export { HighLevelCallbackStore, type HighLevelClient, type HighLevelEffects, type HighLevelRequest, type HighLevelStoreSettings, type NewContactDetails } from './highLevelCallbackStore';
export { DEFAULT_HIGHLEVEL_BASE_URL, HIGHLEVEL_CREDENTIAL, highLevelConnection, highLevelRequest } from './highLevelTransport';
export { openCallbackStore, readCallback, readCallbackStatus, type CallbackStoreSettings } from './openCallbackStore';
