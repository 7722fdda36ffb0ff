import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  canonicalJson
} from "./chunk-E2EGGSXF.js";

// src/approvals/proof.ts
import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign,
  timingSafeEqual,
  verify
} from "node:crypto";
var DecisionSeal = class {
  #secret;
  #approverKeys;
  /**
   * `secret`: shared by every replica that must honour each other's decisions (and kept
   * across restarts); random to this process when absent. `approverKeys`: principal id ->
   * public key text, for signed CLI decisions.
   */
  constructor(opts = {}) {
    this.#secret = opts.secret ? Buffer.from(opts.secret, "utf8") : randomBytes(32);
    this.#approverKeys = new Map(
      Object.entries(opts.approverKeys ?? {}).map(([id, text]) => [id, parsePublicKey(text)])
    );
  }
  seal(facts) {
    return { kind: "server", mac: this.#mac(facts) };
  }
  /** Whether `approverId` has a configured signing key. */
  hasKey(approverId) {
    return this.#approverKeys.has(approverId);
  }
  /** Undefined when the proof holds; otherwise why not. */
  check(facts, proof) {
    if (!proof) return "it carries no decision proof";
    if (proof.kind === "server") {
      const expected = Buffer.from(this.#mac(facts), "hex");
      const given = Buffer.from(proof.mac, "hex");
      return given.length === expected.length && timingSafeEqual(given, expected) ? void 0 : "its decision was not made through this server (or the ticket was edited since)";
    }
    const key = this.#approverKeys.get(facts.decidedBy);
    if (!key) return `no signing key is configured for ${facts.decidedBy} (principals[].publicKey)`;
    const ok = verify(null, statement(facts), key, Buffer.from(proof.signature, "base64"));
    return ok ? void 0 : `its signature does not verify with ${facts.decidedBy}'s key`;
  }
  #mac(facts) {
    return createHmac("sha256", this.#secret).update(statement(facts)).digest("hex");
  }
};
function sealFromConfig(config) {
  const approverKeys = Object.fromEntries(
    config.principals.flatMap((p) => p.publicKey ? [[p.id, p.publicKey]] : [])
  );
  return new DecisionSeal({
    ...config.approvals.signingSecret ? { secret: config.approvals.signingSecret } : {},
    approverKeys
  });
}
function signerFromPem(pem) {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== "ed25519") {
    throw new Error(`the approver key must be an Ed25519 key, got ${key.asymmetricKeyType ?? "unknown"}`);
  }
  return {
    signer: (facts) => sign(null, statement(facts), key).toString("base64"),
    publicKey: publicKeyText(createPublicKey(key))
  };
}
function publicKeyText(key) {
  return key.export({ type: "spki", format: "der" }).toString("base64");
}
function parsePublicKey(text) {
  let key;
  try {
    key = text.includes("-----BEGIN") ? createPublicKey(text) : createPublicKey({ key: Buffer.from(text.trim(), "base64"), format: "der", type: "spki" });
  } catch {
    throw new Error("not a public key: expected the base64 line `opswarden approvals keygen` prints");
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new Error(`expected an Ed25519 public key, got ${key.asymmetricKeyType ?? "unknown"}`);
  }
  return key;
}
function statement(facts) {
  return Buffer.from(canonicalJson({ opswardenDecision: 1, ...facts }), "utf8");
}

export {
  DecisionSeal,
  sealFromConfig,
  signerFromPem,
  publicKeyText,
  parsePublicKey
};
