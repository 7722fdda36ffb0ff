import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);

// src/yaml-path.ts
function yamlPath(path) {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(top level)";
}
function describeIssues(issues, max = Number.POSITIVE_INFINITY) {
  return issues.slice(0, max).flatMap(
    (issue) => issue.code === "unrecognized_keys" ? issue.keys.map((key) => `${yamlPath([...issue.path, key])}: unknown field`) : [`${yamlPath(issue.path)}: ${issue.message}`]
  ).join("; ");
}

export {
  yamlPath,
  describeIssues
};
