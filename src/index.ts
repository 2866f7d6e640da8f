// eddy's programmatic API.
export { EddyError } from './shared/errors.js';
export type { AppModel } from './template/model.js';
