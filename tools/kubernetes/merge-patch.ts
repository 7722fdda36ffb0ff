// RFC 7386 JSON merge patch that turns `from` into `to`: keys missing from `to` become
// null (removed), objects recurse, everything else is replaced. Used to put a
// Deployment's pod template back to an earlier revision exactly.

export function mergePatch(from: unknown, to: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(from) || !isObject(to)) return to;
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (!(key in to)) patch[key] = null;
    else if (JSON.stringify(from[key]) !== JSON.stringify(to[key]))
      patch[key] = mergePatch(from[key], to[key]);
  }
  return patch;
}
