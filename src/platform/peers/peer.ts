/**
 * Typed in-process APIs apps offer each other. A contract is declared once, in
 * `src/platform/peers/` (so neither app imports the other): a name and the API's type. The
 * providing app registers an implementation from `create`; a consuming app looks it up while
 * serving, with no cast and no type argument. The platform fills the registry as it creates the
 * apps, in start-up order, so look peers up when they are needed, not in `create`.
 *
 * @example
 *   export const SecretsReader = definePeer<SecretsReaderApi>('secrets-reader'); // the contract
 *   ctx.peers.provide(SecretsReader, { get: … });                             // the secrets app
 *   const reader = ctx.peers.get(SecretsReader);                               // the SQL console: SecretsReaderApi | undefined
 */

/** A named in-process API (see the module comment). `Api` exists only in the type. */
export interface PeerContract<Api extends object> {
  readonly name: string;
  /** Never set: carries the API's type, so `get` needs no type argument. */
  readonly api?: Api;
}

/**
 * Declares a peer contract.
 *
 * @example export const SecretsReader = definePeer<SecretsReaderApi>('secrets-reader');
 */
export function definePeer<Api extends object>(name: string): PeerContract<Api> {
  return { name };
}

/** What an app's `ctx.peers` offers. */
export interface AppPeers {
  /** Offers an implementation of `contract` to the other apps (once per contract in the process). */
  provide<Api extends object>(contract: PeerContract<Api>, impl: Api): void;
  /** The implementation of `contract`, or undefined when no enabled app offers it (yet). */
  get<Api extends object>(contract: PeerContract<Api>): Api | undefined;
}

/** The platform's registry of every app's peer implementations. */
export class PeerRegistry {
  readonly #impls = new Map<string, { appId: string; impl: object }>();

  /** The `ctx.peers` of one app. */
  forApp(appId: string): AppPeers {
    return {
      provide: (contract, impl) => {
        const taken = this.#impls.get(contract.name);
        if (taken) throw new Error(`app "${appId}" provides peer "${contract.name}", which app "${taken.appId}" already provides`);
        this.#impls.set(contract.name, { appId, impl });
      },
      get: <Api extends object>(contract: PeerContract<Api>) => this.#impls.get(contract.name)?.impl as Api | undefined,
    };
  }
}
