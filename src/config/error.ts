// The one error a bad config raises (file, `${VAR}` reference or OPSWARDEN_* variable): the CLI
// prints its message as a one-line refusal, naming the key, and exits 2.

export class ConfigError extends Error {
  override name = 'ConfigError';
}
