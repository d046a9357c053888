export type * from '../model/rule.js';
