// AwsError lives in shared/ so services can throw it; api/ encodes it. Re-exported for api/ callers.
export { AwsError, serializationError } from '../shared/aws-error.js';
