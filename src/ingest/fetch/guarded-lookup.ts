/**
 * The DNS step of a connection, with the address policy applied to its
 * answer. Node calls this `lookup` while connecting, and connects only to the
 * addresses it hands back, so a name that resolves to a public address when
 * checked and to 127.0.0.1 a moment later (DNS rebinding) cannot get through:
 * there is no second resolution.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { type LookupFunction, isIP } from 'node:net';
import type { AllowList } from './allow-list.ts';
import { type Refusal, type Target, describeRefusal, refusal } from './address-policy.ts';
import { FetchFailure } from './failure.ts';

/** Host name to addresses; replaceable so tests never touch real DNS. */
export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export function guardedLookup(target: Target, allow: AllowList, resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const usable: string[] = [];
        let firstRefusal: Refusal | undefined;
        for (const address of addresses) {
          const refused = refusal(target, address, allow);
          if (refused) firstRefusal ??= refused;
          else usable.push(address);
        }
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const matching = usable.filter((address) => family === 0 || isIP(address) === family);
        if (matching.length === 0) {
          const error = firstRefusal
            ? new FetchFailure(`refused: ${describeRefusal(firstRefusal, hostname)}`, 'refused')
            : Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
          callback(error, '', 0);
          return;
        }
        if (options.all) callback(null, matching.map((address) => ({ address, family: isIP(address) })));
        else callback(null, matching[0]!, isIP(matching[0]!));
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
