// How every file format here (config, policy bundles, scenarios) names a place in YAML:
// `spec.rules[2].effect`, from a zod issue path.

export function yamlPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(top level)';
}
