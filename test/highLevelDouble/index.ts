/** A local HighLevel API v2 double that validates every request against the project's description of HighLevel's API. */
export { HighLevelDouble, type DoubleContact, type DoubleNote, type DoubleOpportunity, type HighLevelDoubleOptions, type RecordedRequest } from './highLevelDouble';
export { HIGHLEVEL_SPEC_PATH, OpenApiSpec, type MatchedOperation, type SpecRequest } from './openApiSpec';
