import { describe } from 'node:test';
import { storeContract } from '../contract.ts';
import { openTestPostgres, postgresUnavailable } from './test-database.ts';

const unavailable = await postgresUnavailable();
if (unavailable) describe('store contract (postgres)', { skip: unavailable }, () => {});
else storeContract('postgres', () => openTestPostgres());
