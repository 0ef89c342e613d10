/** The real-n8n harness used by the end-to-end tests and the demo. */
export { freePort } from './freePort';
export { ensureN8nInstalled, harnessCacheRoot, n8nInstallDir, N8N_RELEASES, N8N_VERSION, requestedN8nVersion, requireFromN8n, type N8nInstall } from './n8nInstall';
export { packPackage, REPOSITORY_ROOT, type PackedPackage } from './packageTarball';
export { installCommunityPackage } from './communityPackageInstall';
export { startN8n, type N8nHandle, type StartN8nOptions } from './n8nProcess';
export {
	DEFAULT_OWNER,
	N8nApi,
	N8nApiError,
	outputOf,
	type Execution,
	type ExecutionSummary,
	type OwnerAccount,
	type StoredCredential,
	type StoredWorkflow,
	type WorkflowJson,
} from './n8nApi';
