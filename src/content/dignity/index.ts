export { checkDignity } from './check';
export { normaliseForMatching } from './normalise';
export { DIGNITY_CATEGORIES } from './types';
export type { DignityCategory, DignityContext, DignityFinding } from './types';
