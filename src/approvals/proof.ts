// Why a decision found in the store can be believed. Anyone who can write the SQLite file
// (an agent on the same machine, say) can write `status: approved` into it, so every
// decision carries a proof that the gate checks before an approval is spent:
// - `server`: an HMAC with a secret only the server process holds — decisions made through
//   the server itself (the HTTP approvals API, in-client confirmation);
// - `signature`: an Ed25519 signature by the approver's own key, whose public half is in the
//   config — decisions made with `opswarden approvals approve --key` directly on the store.
// Neither can be made with the config and the database alone. The proof covers the
// ticket's binding (action hash, requester, expiry) and the decision, so editing any of
// them afterwards voids it.

import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { canonicalJson } from '../canonical.ts';

/** Everything a decision binds: the signed or MACed statement. */
export interface DecisionFacts {
  approvalId: string;
  actionHash: string;
  tool: string;
  requester: { id: string; transport: string; credential?: string };
  expiresAt: string;
  decision: 'approve' | 'reject';
  decidedBy: string;
  decidedAt: string;
  /** Approvals only: the end of the window in which it may be spent. */
  executeBy?: string;
}

export type DecisionProof = { kind: 'server'; mac: string } | { kind: 'signature'; signature: string };

/** Signs decision facts (the CLI's side of a store-only decision). */
export type DecisionSigner = (facts: DecisionFacts) => string;

export class DecisionSeal {
  readonly #secret: Buffer;
  readonly #approverKeys: ReadonlyMap<string, KeyObject>;

  /**
   * `secret`: shared by every replica that must honour each other's decisions (and kept
   * across restarts); random to this process when absent. `approverKeys`: principal id ->
   * public key text, for signed CLI decisions.
   */
  constructor(opts: { secret?: string; approverKeys?: Readonly<Record<string, string>> } = {}) {
    this.#secret = opts.secret ? Buffer.from(opts.secret, 'utf8') : randomBytes(32);
    this.#approverKeys = new Map(
      Object.entries(opts.approverKeys ?? {}).map(([id, text]) => [id, parsePublicKey(text)]),
    );
  }

  seal(facts: DecisionFacts): DecisionProof {
    return { kind: 'server', mac: this.#mac(facts) };
  }

  /** Whether `approverId` has a configured signing key. */
  hasKey(approverId: string): boolean {
    return this.#approverKeys.has(approverId);
  }

  /** Undefined when the proof holds; otherwise why not. */
  check(facts: DecisionFacts, proof: DecisionProof | undefined): string | undefined {
    if (!proof) return 'it carries no decision proof';
    if (proof.kind === 'server') {
      const expected = Buffer.from(this.#mac(facts), 'hex');
      const given = Buffer.from(proof.mac, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected)
        ? undefined
        : 'its decision was not made through this server (or the ticket was edited since)';
    }
    const key = this.#approverKeys.get(facts.decidedBy);
    if (!key) return `no signing key is configured for ${facts.decidedBy} (principals[].publicKey)`;
    const ok = verify(null, statement(facts), key, Buffer.from(proof.signature, 'base64'));
    return ok ? undefined : `its signature does not verify with ${facts.decidedBy}'s key`;
  }

  #mac(facts: DecisionFacts): string {
    return createHmac('sha256', this.#secret).update(statement(facts)).digest('hex');
  }
}

/** The seal a config describes: its decision secret and the approvers' public keys. */
export function sealFromConfig(config: {
  approvals: { signingSecret?: string | undefined };
  principals: readonly { id: string; publicKey?: string | undefined }[];
}): DecisionSeal {
  const approverKeys = Object.fromEntries(
    config.principals.flatMap((p) => (p.publicKey ? [[p.id, p.publicKey]] : [])),
  );
  return new DecisionSeal({
    ...(config.approvals.signingSecret ? { secret: config.approvals.signingSecret } : {}),
    approverKeys,
  });
}

/** A signer from an Ed25519 private key (PEM), as `opswarden approvals keygen` writes it. */
export function signerFromPem(pem: string): { signer: DecisionSigner; publicKey: string } {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`the approver key must be an Ed25519 key, got ${key.asymmetricKeyType ?? 'unknown'}`);
  }
  return {
    signer: (facts) => sign(null, statement(facts), key).toString('base64'),
    publicKey: publicKeyText(createPublicKey(key)),
  };
}

/** One line for the config: base64 of the SPKI DER form. */
export function publicKeyText(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** An Ed25519 public key from its one-line base64 SPKI form (or PEM); throws saying what is wrong. */
export function parsePublicKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    key = text.includes('-----BEGIN')
      ? createPublicKey(text)
      : createPublicKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new Error('not a public key: expected the base64 line `opswarden approvals keygen` prints');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`expected an Ed25519 public key, got ${key.asymmetricKeyType ?? 'unknown'}`);
  }
  return key;
}

function statement(facts: DecisionFacts): Buffer {
  return Buffer.from(canonicalJson({ opswardenDecision: 1, ...facts }), 'utf8');
}
