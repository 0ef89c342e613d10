/** A local HighLevel API v2 double that validates every request against HighLevel's spec. */
export { HighLevelDouble, type DoubleContact, type DoubleNote, type DoubleOpportunity, type HighLevelDoubleOptions, type RecordedRequest } from './highLevelDouble';
export { HIGHLEVEL_SPEC_DIR, HIGHLEVEL_SPEC_FILES, OpenApiSpec, type MatchedOperation, type SpecRequest } from './openApiSpec';
