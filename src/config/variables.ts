// `${VAR}` references in config values: the config file's secrets (`bearerToken: ${TOKEN}`) and
// the OPSWARDEN_* variables an installer sets (`${HOME}/.kube/config`) expand the same way. An
// unset variable is an error naming where it was used; text like `${user_config.x}` is no
// variable name and stays as written, for validation to refuse.

import { ConfigError } from './error.ts';

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** `text` with every `${VAR}` replaced from `env`; `where` names the place for the error. */
export function expandVariables(text: string, env: NodeJS.ProcessEnv, where: string): string {
  return text.replace(REFERENCE, (_, name: string) => {
    const value = env[name];
    if (value === undefined) throw new ConfigError(`${where}: environment variable ${name} is not set`);
    return value;
  });
}
