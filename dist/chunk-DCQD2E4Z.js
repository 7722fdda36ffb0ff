import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);

// src/key-file.ts
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
function writeNewSigningKey(out) {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  try {
    writeFileSync(out, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 384, flag: "wx" });
  } catch (err) {
    const code = err.code;
    throw new Error(
      code === "EEXIST" ? `${out} already exists; keygen never overwrites a key` : `cannot write ${out}: ${err.message}`
    );
  }
  return publicKey;
}

export {
  writeNewSigningKey
};
