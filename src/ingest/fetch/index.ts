/** The safe fetcher's public surface. */
export { DEFAULT_FETCH_MAX_BYTES, Fetcher, USER_AGENT, fetchUrl, type FetchOptions, type FetchResult, type FetcherOptions } from './fetcher.ts';
export { classifyAddress, type AddressKind } from './address-policy.ts';
export { parseAllowEntry, type AllowEntry } from './allow-list.ts';
export { parseRobots, type RobotsRules } from './robots.ts';
export type { Resolver } from './guarded-lookup.ts';
export type { Clock, Sleep } from './host-schedule.ts';
